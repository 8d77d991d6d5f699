import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRECOMPRESS_MIN_BYTES, precompress, precompressFile } from './vite-precompress.js';

describe('precompress plugin', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'guichet-precompress-'));
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('writes .br and .gz next to each emitted script and stylesheet above the threshold, none for maps', async () => {
    const src = path.join(root, 'app');
    await mkdir(src, { recursive: true });
    await writeFile(path.join(src, 'index.html'), '<!doctype html><html><head><link rel="stylesheet" href="./style.css"></head><body><script type="module" src="./main.js"></script></body></html>');
    const words = Array.from({ length: 400 }, (_, i) => `  ${JSON.stringify(`message-${i}`)}: ${JSON.stringify(`Votre demande ${i} est enregistrée`)},`).join('\n');
    await writeFile(path.join(src, 'main.js'), `const wording = {\n${words}\n};\ndocument.body.textContent = Object.values(wording).join(' ');\n`);
    await writeFile(path.join(src, 'style.css'), Array.from({ length: 100 }, (_, i) => `.row-${i} { margin: ${i}px; }`).join('\n'));
    const outDir = path.join(root, 'out');
    await build({ root: src, configFile: false, logLevel: 'silent', plugins: [precompress()], build: { outDir, sourcemap: true, emptyOutDir: true } });

    const assets = await readdir(path.join(outDir, 'assets'));
    const script = assets.find((f) => f.endsWith('.js'))!;
    const styles = assets.find((f) => f.endsWith('.css'))!;
    for (const name of [script, styles]) {
      const original = await readFile(path.join(outDir, 'assets', name));
      expect(original.length).toBeGreaterThan(PRECOMPRESS_MIN_BYTES);
      expect(brotliDecompressSync(await readFile(path.join(outDir, 'assets', `${name}.br`))).equals(original), `${name}.br`).toBe(true);
      expect(gunzipSync(await readFile(path.join(outDir, 'assets', `${name}.gz`))).equals(original), `${name}.gz`).toBe(true);
    }
    expect(assets).toContain(`${script}.map`);
    expect(assets.filter((f) => f.includes('.map.'))).toEqual([]);
    // The shell is smaller than the threshold: served as it is.
    expect(existsSync(path.join(outDir, 'index.html.br'))).toBe(false);
  });

  it('writes nothing for bytes that would not shrink, or a file too small to be worth it', async () => {
    const noise = path.join(root, 'noise.js');
    await writeFile(noise, randomBytes(8 * 1024));
    expect(await precompressFile(noise)).toEqual([]);
    const small = path.join(root, 'small.js');
    await writeFile(small, 'export const a = 1;\n'.repeat(10));
    expect(await precompressFile(small)).toEqual([]);
    expect(existsSync(`${noise}.br`) || existsSync(`${small}.gz`)).toBe(false);
  });
});
