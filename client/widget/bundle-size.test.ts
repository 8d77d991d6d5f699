import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { RollupOutput } from 'rollup';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The budget a town's page pays for the chat (issue 3): socket.io-client alone is ~15 KB of it. */
const BUDGET_GZIP_BYTES = 40 * 1024;

describe('embeddable widget bundle', () => {
  it('is one script under 40 KB gzipped, without React', async () => {
    // Built from the sources (in memory), so the check holds for what would ship now.
    const result = await build({
      root: ROOT,
      configFile: `${ROOT}vite.widget.config.ts`,
      logLevel: 'silent',
      build: { write: false, sourcemap: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as RollupOutput[];
    const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
    expect(chunks.map((c) => c.fileName)).toEqual(['guichet-widget.js']);
    const code = chunks[0]!.code;
    // Level 6 is what servers and CDNs usually apply.
    const gzipped = gzipSync(code, { level: 6 }).length;
    console.info(`[widget] guichet-widget.js: ${code.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(BUDGET_GZIP_BYTES);
    // Booleans, not the code: a failure message must not print 60 KB of minified script.
    expect(/Symbol\.for\(["']react\./.test(code), 'React in the widget').toBe(false);
    expect(/\bprocess\.env\b/.test(code), 'a development build of a dependency (process.env)').toBe(false);
  }, 60_000);
});
