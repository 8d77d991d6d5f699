import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, STAFF, startHarness, type Harness } from './harness.js';

// The login limit counts failures per account in the spelling the lookup uses: any spelling that
// reaches the account counts against the same limit. Limit 3 per address and account here.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const canonical = STAFF.agent.email; // alice@mairie.test
const fullWidth = [...canonical].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
const VARIANTS: Record<string, string> = {
  'padded with spaces': `   ${canonical}   `,
  'padded with tabs and newlines': `\t${canonical}\n`,
  'upper case': canonical.toUpperCase(),
  'mixed case': 'Alice@Mairie.TEST',
  'a trailing dot': `${canonical}.`,
  'full-width characters': fullWidth,
  'a zero-width space': `\u200b${canonical}\u200b`,
  'a full-width at sign': canonical.replace('@', '\uff20'),
};

function login(email: string, password: string) {
  return fetch(`${h.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

describe('login rate limit', () => {
  it('each spelling of the account reaches it (so it must count against the same limit)', async () => {
    h = await startHarness({ loginLimit: 3 });
    for (const [label, email] of Object.entries(VARIANTS)) {
      const res = await login(email, PASSWORD);
      expect(res.status, label).toBe(200);
    }
  });

  for (const [label, email] of Object.entries(VARIANTS)) {
    it(`cannot be bypassed by ${label}`, async () => {
      h = await startHarness({ loginLimit: 3 });
      const statuses: number[] = [];
      // Alternate the canonical spelling and the variant: they must share one counter.
      for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 ? email : canonical, 'wrong password')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      // Limited means limited: even the right password waits for the window.
      expect((await login(email, PASSWORD)).status).toBe(429);
      expect((await login(canonical, PASSWORD)).status).toBe(429);
    });
  }

  it('never counts successful sign-ins, and refuses 429 with a readable reason', async () => {
    h = await startHarness({ loginLimit: 3 });
    for (let i = 0; i < 10; i++) expect((await login(canonical, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(canonical, 'nope')).status).toBe(401);
    const limited = await login(canonical, 'nope');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: 'too many login attempts; wait a minute' } });
    // Another account from the same address is not locked out by this one's failures.
    expect((await login(STAFF.colleague.email, PASSWORD)).status).toBe(200);
  });

  it('limits one address spraying one password over many accounts', async () => {
    h = await startHarness({ loginLimit: 3 });
    // Per address over any account: 10 × the limit. Unknown accounts fail like wrong passwords.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(`inconnu${i}@mairie.test`, 'password')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
