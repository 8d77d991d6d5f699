import { describe, expect, it } from 'vitest';
import { isSafeLink } from './links.js';
import { SafeLink } from './model.js';

describe('the link rule', () => {
  it('takes https links and plain http to this machine only', () => {
    for (const ok of [
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
      'https://pbx.mairie.example:8443/rec/42.wav?sig=abc',
      'http://127.0.0.1:4010/rec.wav',
      'http://localhost/rec.wav',
      'http://[::1]:9000/t.txt',
    ]) {
      expect(isSafeLink(ok), ok).toBe(true);
    }
  });

  it('refuses every other scheme, remote plain http, credentials and junk', () => {
    for (const bad of [
      'javascript:alert(document.cookie)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://pbx.example/rec.wav',
      'http://pbx.example/rec.wav',
      'http://127.0.0.1.evil.example/rec.wav',
      'https://user:pass@pbx.example/rec.wav',
      '//pbx.example/rec.wav',
      'rec.wav',
      '',
      `https://pbx.example/${'a'.repeat(2000)}`,
    ]) {
      expect(isSafeLink(bad), bad).toBe(false);
    }
    const refused = SafeLink.safeParse('javascript:alert(1)');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/https/);
  });
});
