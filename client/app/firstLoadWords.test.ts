import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fr from '../locales/fr.json' with { type: 'json' };
import { PAGE_SECTIONS } from '../locales/sections.js';
import { localeHalf } from '../../tools/vite-locale-split.js';

// The first load carries only part of the French words (locales/sections.ts): a module of the
// first load that used a key of a page section would show the key itself until a page brought
// the words. The first load is what client/main.tsx reaches through static imports.
const clientDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gm;
const SIDE_EFFECT_IMPORT = /^\s*import\s+['"](\.[^'"]+)['"]/gm;
// Keys as the console writes them: t('x.y'), t(`x.${…}`), { key: 'x.y' }, i18nKey="x.y".
const KEY_USE = /(?:\bt\(\s*|\bkey:\s*|i18nKey=\{?\s*)['"`]([a-zA-Z]+)\./g;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, base]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // next candidate
    }
  }
  return null;
}

function firstLoadModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file) || !/\.tsx?$/.test(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const re of [STATIC_IMPORT, SIDE_EFFECT_IMPORT]) {
      for (const [, spec] of source.matchAll(re)) {
        const target = resolve(file, spec!);
        if (target) queue.push(target);
      }
    }
  }
  return seen;
}

describe('French words of the first load', () => {
  const modules = firstLoadModules(path.join(clientDir, 'main.tsx'));

  it('follows the imports of the first load (and not the pages loaded on demand)', () => {
    const names = [...modules].map((m) => path.relative(clientDir, m));
    expect(names).toContain('app/Workspace.tsx');
    expect(names).toContain('features/inbox/InboxRow.tsx');
    expect(names).not.toContain('app/ConversationPane.tsx');
    expect(names).not.toContain('app/pageWords.ts');
  });

  it('uses no key of a section the pages bring', () => {
    const pages = new Set<string>(PAGE_SECTIONS);
    const misplaced = [...modules].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(KEY_USE)].filter(([, section]) => pages.has(section!)).map(([use]) => `${path.relative(clientDir, file)}: ${use}`),
    );
    expect(misplaced).toEqual([]);
  });

  it('splits the French file into two halves that make it whole', () => {
    const first = localeHalf(fr, 'first-load');
    const pages = localeHalf(fr, 'pages');
    expect(Object.keys(pages).sort()).toEqual([...PAGE_SECTIONS].sort());
    expect({ ...first, ...pages }).toEqual(fr);
    expect(Object.keys(first).filter((k) => k in pages)).toEqual([]);
  });
});
