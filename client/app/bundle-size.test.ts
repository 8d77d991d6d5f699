import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { OutputAsset, OutputChunk, RollupOutput } from 'rollup';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What an agent's browser parses before the console shows (issue 16); KB as the widget's test counts them. */
const BUDGET_GZIP_BYTES = 150 * 1024;

/** Fetched on first use, never in the first load (App.tsx, Workspace.tsx), nor what only they import. */
const LAZY = [
  'client/features/reports/ReportsPage.tsx',
  'client/app/ReplayPage.tsx',
  'client/app/TrainingPage.tsx',
  'client/app/SupervisorPage.tsx',
  'client/app/AdminPage.tsx',
  'client/features/account/AccountPage.tsx',
  'client/app/ConversationPane.tsx',
  'client/features/citizen/CitizenPanel.tsx',
  'client/features/session/LoginPage.tsx',
  'client/features/alerts/AlertSettingsPanel.tsx',
  'client/features/availability/OfferTray.tsx',
  'client/locales/en.json',
  '/node_modules/zod/',
  '/node_modules/dompurify/',
];

/** The scripts index.html loads or preloads: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
function scriptsOf(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const module = /\btype="module"/.test(tag) || /\brel="modulepreload"/.test(tag);
    const url = /\b(?:src|href)="\/([^"]+\.js)"/.exec(tag)?.[1];
    if (module && url) files.push(url);
  }
  return files;
}

describe('console bundle', () => {
  it('opens on under 150 KB of gzipped JS, the other pages loaded on demand', async () => {
    // Built from the sources (in memory), so the check holds for what would ship now. A production
    // build whatever Vitest's NODE_ENV ("test"), or React's development build would be measured.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let result: Awaited<ReturnType<typeof build>>;
    try {
      result = await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'silent', build: { write: false, sourcemap: false } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const output = (Array.isArray(result) ? result : [result as RollupOutput]).flatMap((o) => o.output);
    const chunks = new Map(output.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
    const html = output.find((o): o is OutputAsset => o.type === 'asset' && o.fileName === 'index.html')!.source.toString();

    // The entry and everything it imports statically: all of it loads before the first render.
    const entry = [...chunks.values()].filter((c) => c.isEntry);
    expect(entry).toHaveLength(1);
    const firstLoad = new Set<string>();
    const visit = (fileName: string) => {
      if (firstLoad.has(fileName)) return;
      firstLoad.add(fileName);
      for (const imported of chunks.get(fileName)!.imports) visit(imported);
    };
    visit(entry[0]!.fileName);
    // index.html names each of them, so the browser fetches them at once rather than in a chain.
    expect(new Set(scriptsOf(html))).toEqual(firstLoad);

    // Level 6 is what servers and CDNs usually apply (the server sends the build's brotli, smaller).
    const gzipped = (c: OutputChunk) => gzipSync(c.code, { level: 6 }).length;
    const initial = [...firstLoad].map((f) => chunks.get(f)!);
    const initialGzip = initial.reduce((sum, c) => sum + gzipped(c), 0);
    const allGzip = [...chunks.values()].reduce((sum, c) => sum + gzipped(c), 0);
    console.info(
      `[console] first load: ${initial.map((c) => c.fileName).join(', ')}: ${initial.reduce((s, c) => s + c.code.length, 0)} bytes, ` +
        `${initialGzip} bytes gzipped (budget ${BUDGET_GZIP_BYTES}); all ${chunks.size} chunks: ${allGzip} bytes gzipped`,
    );
    expect(initialGzip).toBeLessThan(BUDGET_GZIP_BYTES);

    const initialModules = initial.flatMap((c) => Object.keys(c.modules).filter((id) => c.modules[id]!.renderedLength > 0));
    for (const lazy of LAZY) expect(initialModules.filter((id) => id.includes(lazy)), `${lazy} in the first load`).toEqual([]);
  }, 120_000);
});
