import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../http/kit.js';
import { originAllowed } from './origin-policy.js';
import type { WebchatSite } from './webchat-config.js';

const site: WebchatSite = { id: 'default', origins: ['https://www.mairie.fr'], secret: null, contactEmail: null };

describe('origin policy', () => {
  it('allows the listed origins and the server’s own pages', () => {
    expect(originAllowed(site, { origin: 'https://www.mairie.fr', host: 'guichet.mairie.fr' }, false)).toBe(true);
    expect(originAllowed(site, { origin: 'https://guichet.mairie.fr', host: 'guichet.mairie.fr' }, false)).toBe(true);
    expect(originAllowed(site, { 'sec-fetch-site': 'same-origin', host: 'guichet.mairie.fr' }, false)).toBe(true);
  });

  it('refuses other origins, opaque ones and requests that are not from a page', () => {
    expect(originAllowed(site, { origin: 'http://www.mairie.fr', host: 'guichet.mairie.fr' }, false)).toBe(false);
    expect(originAllowed(site, { origin: 'https://www.mairie.fr.evil.example', host: 'guichet.mairie.fr' }, false)).toBe(false);
    expect(originAllowed(site, { origin: 'null', host: 'guichet.mairie.fr' }, false)).toBe(false);
    expect(originAllowed(site, { origin: 'garbage', host: 'guichet.mairie.fr' }, false)).toBe(false);
    expect(originAllowed(site, { host: 'guichet.mairie.fr' }, false)).toBe(false);
    expect(originAllowed(site, { 'sec-fetch-site': 'cross-site', host: 'guichet.mairie.fr' }, false)).toBe(false);
  });

  it('reads the forwarded host and address only behind a trusted proxy', () => {
    const headers = { origin: 'https://guichet.mairie.fr', host: '10.0.0.5:3000', 'x-forwarded-host': 'guichet.mairie.fr', 'x-forwarded-for': '6.6.6.6, 203.0.113.9' };
    expect(originAllowed(site, headers, true)).toBe(true);
    expect(originAllowed(site, headers, false)).toBe(false);
    expect(clientAddress(headers, '10.0.0.1', true)).toBe('203.0.113.9');
    expect(clientAddress(headers, '10.0.0.1', false)).toBe('10.0.0.1');
  });
});
