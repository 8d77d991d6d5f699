import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFile } from '../../tools/vite-precompress.js';
import type { Harness } from './harness.js';
import { startWebchatHarness } from './webchat-helpers.js';

// A console and a widget as the build lays them out, compressed by the build's own plugin code,
// served by the real server. Raw node:http, not fetch: fetch would decode the body itself.

const ENTRY = 'assets/index-Ab3_x-9Z.js';
const STYLES = 'assets/index-Cd4efGh1.css';
const TINY = 'assets/tiny-Ef5ghIj2.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Script-like text that compresses as real bundles do (repeated identifiers, varied values). */
function someScript(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const label${i} = ${JSON.stringify(`Demande n°${i * 7919} reçue, file ${i % 13}`)};`).join('\n');
}

describe('static files: precompressed, negotiated, cached by name', () => {
  let h: Harness;
  let root: string;
  let consoleDir: string;
  let widgetDir: string;
  let entry: Buffer;
  let widget: Buffer;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'guichet-static-'));
    consoleDir = path.join(root, 'client');
    widgetDir = path.join(root, 'widget');
    await mkdir(path.join(consoleDir, 'assets'), { recursive: true });
    await mkdir(widgetDir, { recursive: true });
    await writeFile(path.join(consoleDir, 'index.html'), `<!doctype html><html lang="fr"><head><script type="module" src="/${ENTRY}"></script></head><body><div id="root"></div></body></html>`);
    await writeFile(path.join(consoleDir, ENTRY), someScript(2000));
    await writeFile(path.join(consoleDir, STYLES), '.inbox { display: grid; }\n'.repeat(200));
    await writeFile(path.join(consoleDir, TINY), 'export const x = 1;\n');
    await writeFile(path.join(widgetDir, 'guichet-widget.js'), someScript(500));
    for (const file of [ENTRY, STYLES, TINY, 'index.html']) await precompressFile(path.join(consoleDir, file));
    await precompressFile(path.join(widgetDir, 'guichet-widget.js'));
    entry = await readFile(path.join(consoleDir, ENTRY));
    widget = await readFile(path.join(widgetDir, 'guichet-widget.js'));
    h = await startWebchatHarness({}, widgetDir, { staticDir: consoleDir });
  });

  afterAll(async () => {
    await h?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('answers brotli to a client that takes it, and the body decodes to the exact file', async () => {
    const res = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(entry.length / 3);
    expect(brotliDecompressSync(res.body).equals(entry)).toBe(true);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('prefers brotli when a browser takes both, and honours q-values', async () => {
    const chrome = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(chrome.headers['content-encoding']).toBe('br');
    const refused = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const weighted = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br;q=0.5, gzip;q=0.8' });
    expect(weighted.headers['content-encoding']).toBe('gzip');
    const any = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': '*' });
    expect(any.headers['content-encoding']).toBe('br');
  });

  it('answers gzip to a client that takes only gzip', async () => {
    const res = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(gunzipSync(res.body).equals(entry)).toBe(true);
  });

  it('sends the file as it is without Accept-Encoding, or when only identity is accepted', async () => {
    const asked: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }];
    for (const headers of asked) {
      const res = await raw(`${h.url}/${ENTRY}`, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(entry.length);
      expect(res.body.equals(entry)).toBe(true);
    }
  });

  it('serves the stylesheet compressed with its own type', async () => {
    const res = await raw(`${h.url}/${STYLES}`, { 'accept-encoding': 'br' });
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(brotliDecompressSync(res.body).equals(await readFile(path.join(consoleDir, STYLES)))).toBe(true);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('leaves a file under the threshold uncompressed, with nothing to vary on', async () => {
    const res = await raw(`${h.url}/${TINY}`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.body.toString()).toBe('export const x = 1;\n');
  });

  it('answers HEAD with the headers of the chosen encoding and no body', async () => {
    const get = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br' });
    const head = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.body.length).toBe(0);
  });

  it('serves a byte range of the file', async () => {
    const res = await raw(`${h.url}/${ENTRY}`, { range: 'bytes=100-199' });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${entry.length}`);
    expect(res.body.equals(entry.subarray(100, 200))).toBe(true);
  });

  it('revalidates each encoding by its own ETag', async () => {
    const br = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br' });
    const gz = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'gzip' });
    expect(br.headers.etag).toBeTruthy();
    expect(br.headers.etag).not.toBe(gz.headers.etag);

    const again = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.headers['cache-control']).toBe(IMMUTABLE);

    // The brotli bytes' tag does not validate the gzip bytes a gzip-only client would get.
    const other = await raw(`${h.url}/${ENTRY}`, { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag! });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('gzip');
  });

  it('has the shell revalidated every time, however it is asked for', async () => {
    for (const route of ['/', '/index.html', '/inbox/cnv_1']) {
      const res = await raw(`${h.url}${route}`, { 'accept-encoding': 'br, gzip' });
      expect(res.status, route).toBe(200);
      expect(res.headers['content-type'], route).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], route).toBe('no-cache');
      expect(res.body.toString(), route).toContain(ENTRY);
    }
  });

  it('answers 404 for a missing built file, not the shell', async () => {
    const missing = await raw(`${h.url}/assets/index-Zz9_old0.js`, { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    // The variants are how a file is sent, not files of their own.
    const variant = await raw(`${h.url}/${ENTRY}.br`);
    expect(variant.status).toBe(404);
  });

  it('serves the widget compressed, cross-origin, cached briefly since its URL has no hash', async () => {
    const res = await raw(`${h.url}/widget/guichet-widget.js`, { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['cache-control']).toBe('public, max-age=600');
    expect(brotliDecompressSync(res.body).equals(widget)).toBe(true);
    const plain = await raw(`${h.url}/widget/guichet-widget.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(widget)).toBe(true);
  });
});
