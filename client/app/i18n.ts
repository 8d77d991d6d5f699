import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import frFirstLoad from '../locales/fr.json?first-load';

// French first (public services in France), English second. The choice is kept per browser.
// French is in the first load; English is fetched when chosen, so most consoles never download it.
// Of French, the first load carries the words of the sign-in page, the header and the inbox; the
// pages loaded on demand bring theirs (pageWords.ts, locales/sections.ts).

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'guichet.lang';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

function reflect(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

/** Languages other than French, fetched on first use (i18next waits for them before switching). */
const fetchedLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, {});
    import('../locales/en.json').then(
      (m) => callback(null, m.default),
      // Unreachable (offline, or a release removed it): the console stays in French.
      (err: Error) => callback(err, false),
    );
  },
};

/** Resolves once the chosen language is there, so the console never opens in the other one. */
export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLanguage();
  await i18next
    .use(initReactI18next)
    .use(fetchedLanguages)
    .init({
      resources: { fr: { translation: frFirstLoad } },
      // Still ask the backend for the languages `resources` lacks.
      partialBundledLanguages: true,
      lng,
      fallbackLng: 'fr',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  reflect(i18next.language);
  i18next.on('languageChanged', (next) => {
    reflect(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing: the choice lasts for the tab only.
    }
  });
  return i18next;
}
