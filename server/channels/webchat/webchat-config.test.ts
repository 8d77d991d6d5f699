import { describe, expect, it } from 'vitest';
import { WebchatConfigError, webchatSitesFromEnv } from './webchat-config.js';

const SECRET = 'a-portal-secret-of-at-least-32-characters';

describe('web-chat sites from the environment', () => {
  it('has a same-origin default site with no configuration', () => {
    expect(webchatSitesFromEnv({})).toEqual([{ id: 'default', origins: [], secret: null, contactEmail: null }]);
  });

  it('reads the default site’s variables and more sites from WEBCHAT_SITES', () => {
    const sites = webchatSitesFromEnv({
      allowedOrigins: 'https://www.mairie.fr/, https://mairie.fr',
      secret: SECRET,
      contactEmail: 'contact@mairie.fr',
      sites: JSON.stringify([{ id: 'portail', origins: ['https://portail.mairie.fr'], secret: SECRET }]),
    });
    expect(sites).toEqual([
      { id: 'default', origins: ['https://www.mairie.fr', 'https://mairie.fr'], secret: SECRET, contactEmail: 'contact@mairie.fr' },
      { id: 'portail', origins: ['https://portail.mairie.fr'], secret: SECRET, contactEmail: null },
    ]);
  });

  it('explains what is wrong', () => {
    expect(() => webchatSitesFromEnv({ allowedOrigins: 'mairie.fr' })).toThrow(/not an origin/);
    expect(() => webchatSitesFromEnv({ secret: 'short' })).toThrow(/at least 32/);
    expect(() => webchatSitesFromEnv({ sites: '{not json' })).toThrow(WebchatConfigError);
    expect(() => webchatSitesFromEnv({ sites: '[{"id":"Bad Id"}]' })).toThrow(/site ids/);
  });
});
