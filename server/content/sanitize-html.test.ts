import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize-html.js';

describe('sanitizeEmailHtml', () => {
  it('keeps structure and emphasis', () => {
    expect(sanitizeEmailHtml('<p>Bonjour <strong>Madame</strong></p><ul><li>acte</li></ul>')).toBe(
      '<p>Bonjour <strong>Madame</strong></p><ul><li>acte</li></ul>',
    );
  });

  it('drops scripts, handlers and javascript: links', () => {
    const out = sanitizeEmailHtml('<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a>');
    expect(out).not.toMatch(/script|onclick|javascript/i);
    expect(out).toContain('<p>a</p>');
  });

  it('blocks remote images that would report the mail as read', () => {
    const out = sanitizeEmailHtml('<img src="http://tracker.example/p.gif"><img src="data:image/png;base64,AAAA" alt="logo">');
    expect(out).not.toContain('tracker.example');
    expect(out).toContain('data:image/png;base64,AAAA');
  });

  it('opens links safely in a new tab', () => {
    expect(sanitizeEmailHtml('<a href="https://service-public.fr">lien</a>')).toBe(
      '<a href="https://service-public.fr" rel="noopener noreferrer nofollow" target="_blank">lien</a>',
    );
  });
});
