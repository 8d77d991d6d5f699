import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, the bytes saved do not pay for a second file and a negotiated response. */
export const PRECOMPRESS_MIN_BYTES = 1024;

/** Text the browser fetches. Source maps are left out: only developer tools load them. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes `file.br` and `file.gz` next to `file` when it is compressible text above the threshold.
 * Compressed once at build time, so the slowest, smallest settings cost nothing per request.
 * A variant that would not be smaller is not written: the server then sends the file as it is.
 */
export async function precompressFile(file: string): Promise<string[]> {
  if (!COMPRESSIBLE.test(file)) return [];
  const body = await readFile(file);
  if (body.length < PRECOMPRESS_MIN_BYTES) return [];
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // The suffixes the server looks for (server/http/precompressed-static.ts).
  const variants = [
    { path: `${file}.br`, bytes: br },
    { path: `${file}.gz`, bytes: gz },
  ].filter((v) => v.bytes.length < body.length);
  await Promise.all(variants.map((v) => writeFile(v.path, v.bytes)));
  return variants.map((v) => v.path);
}

/** After Vite writes a build, compresses each emitted file (see precompressFile). */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'guichet:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // Only called when the build is written: in-memory builds (the size tests) skip it.
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      await Promise.all(Object.keys(bundle).map((fileName) => precompressFile(path.join(dir, fileName))));
    },
  };
}
