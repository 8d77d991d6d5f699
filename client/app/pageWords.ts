import i18next from 'i18next';
import frPageWords from '../locales/fr.json?pages';

// The French words of the pages loaded on demand (locales/sections.ts). Every such page imports
// this module, so the words arrive with the first of them, before it renders. English comes whole
// when chosen (i18n.ts), so only French is split.
function addPageWords(): void {
  i18next.addResourceBundle('fr', 'translation', frPageWords, true, false);
}

if (i18next.isInitialized) addPageWords();
else i18next.on('initialized', addPageWords);
