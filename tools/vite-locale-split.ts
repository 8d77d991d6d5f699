import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { PAGE_SECTIONS } from '../client/locales/sections.js';

const HALF = /^(.*\.json)\?(first-load|pages)$/;

/** One half of a locale: the sections the pages loaded on demand use, or all the others. */
export function localeHalf(words: Record<string, unknown>, half: 'first-load' | 'pages'): Record<string, unknown> {
  const pages = new Set<string>(PAGE_SECTIONS);
  return Object.fromEntries(Object.entries(words).filter(([section]) => pages.has(section) === (half === 'pages')));
}

/**
 * `import words from './fr.json?first-load'` and `'./fr.json?pages'`: two modules made from one
 * file, so the bundler can put them in different chunks (the sections of a single JSON module
 * always travel together, whichever of its exports a chunk uses). The file stays whole for
 * translators and for the parity test.
 */
export function localeSplit(): Plugin {
  return {
    name: 'guichet:locale-split',
    enforce: 'pre',
    async load(id) {
      const match = HALF.exec(id);
      if (!match) return null;
      const [, file, half] = match as unknown as [string, string, 'first-load' | 'pages'];
      this.addWatchFile(file);
      const words = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      // Still JSON: Vite's JSON plugin makes the module of it, as for the whole file.
      return JSON.stringify(localeHalf(words, half));
    },
  };
}
