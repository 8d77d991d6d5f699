import { describe, expect, it } from 'vitest';
import { staffOriginAllowed } from './origin-check.js';

describe('staff socket origin', () => {
  const behindProxy = { origin: 'https://guichet.mairie.example', host: '10.0.0.5:3000', 'x-forwarded-host': 'guichet.mairie.example' };

  it('takes the console’s own origin, listed origins and clients without Origin', () => {
    expect(staffOriginAllowed({ origin: 'http://localhost:3000', host: 'localhost:3000' }, [], false)).toBe(true);
    expect(staffOriginAllowed({ origin: 'http://LOCALHOST:3000', host: 'localhost:3000' }, [], false)).toBe(true);
    expect(staffOriginAllowed({ origin: 'https://console.ville.example', host: 'x' }, ['https://console.ville.example'], false)).toBe(true);
    expect(staffOriginAllowed({ host: 'localhost:3000' }, [], false)).toBe(true);
  });

  it('reads X-Forwarded-Host only behind a configured proxy', () => {
    expect(staffOriginAllowed(behindProxy, [], true)).toBe(true);
    expect(staffOriginAllowed(behindProxy, [], false)).toBe(false);
    // Only the first host a proxy chain reports: the one the browser called.
    expect(staffOriginAllowed({ ...behindProxy, 'x-forwarded-host': 'evil.example, guichet.mairie.example' }, [], true)).toBe(false);
  });

  it('refuses other sites and unreadable origins', () => {
    expect(staffOriginAllowed({ origin: 'https://www.ville.example', host: 'localhost:3000' }, [], false)).toBe(false);
    expect(staffOriginAllowed({ origin: 'null', host: 'localhost:3000' }, [], false)).toBe(false);
    expect(staffOriginAllowed({ origin: 'not a url', host: 'localhost:3000' }, [], true)).toBe(false);
  });
});
