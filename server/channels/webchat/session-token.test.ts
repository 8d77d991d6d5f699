import { describe, expect, it } from 'vitest';
import { SessionTokens, sessionIdOf } from './session-token.js';

describe('web-chat session tokens', () => {
  const tokens = new SessionTokens('session-secret-0123456789abcdef');

  it('recognises the tokens it issued and no others', () => {
    const token = tokens.issue();
    expect(tokens.isGenuine(token)).toBe(true);
    expect(new SessionTokens('another-secret-0123456789abcdef').isGenuine(token)).toBe(false);
    const [random, mac] = token.split('.') as [string, string];
    const flipped = `${random.slice(0, -1)}${random.endsWith('A') ? 'B' : 'A'}.${mac}`;
    for (const bad of [flipped, `${random}.`, random, '', 42, null, `${token}x`]) expect(tokens.isGenuine(bad)).toBe(false);
  });

  it('derives a different session per account, and never shows the token', () => {
    const token = tokens.issue();
    const anonymous = sessionIdOf(token, null);
    expect(sessionIdOf(token, null)).toBe(anonymous);
    expect(sessionIdOf(token, 'CIT-1')).not.toBe(anonymous);
    expect(sessionIdOf(token, 'CIT-1')).not.toBe(sessionIdOf(token, 'CIT-2'));
    expect(anonymous).toMatch(/^wcs_[A-Za-z0-9_-]{43}$/);
    expect(anonymous).not.toContain(token.split('.')[0]);
  });
});
