import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboundMessage } from '../../shared/index.js';
import { startSimulator } from './simulator.js';

// `npm run simulate`: posts demo traffic to a running server's ingest endpoint, as an
// external channel connector would.

interface CliOptions {
  url: string;
  intervalMs: number;
  count: number | undefined;
  dataDir: string;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let intervalMs = Number(env.SIMULATE_INTERVAL_MS ?? 4000);
  let count: number | undefined;
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2);
    if (name === '--interval' && value) intervalMs = Number(value);
    else if (name === '--count' && value) count = Number(value);
    else throw new Error(`unknown option ${arg} (known: --interval=ms, --count=N)`);
  }
  if (!Number.isFinite(intervalMs) || intervalMs < 50) throw new Error('the interval must be a number of milliseconds, at least 50');
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new Error('--count must be a positive integer');
  const base = env.GUICHET_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  return { url: `${base.replace(/\/+$/, '')}/api/inbound`, intervalMs, count, dataDir: env.DATA_DIR ?? './data' };
}

async function ingestKey(env: NodeJS.ProcessEnv, dataDir: string): Promise<string> {
  if (env.INGEST_API_KEY) return env.INGEST_API_KEY;
  const file = path.join(dataDir, 'ingest-api-key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    throw new Error(`no ingest key: set INGEST_API_KEY, or start the server once so it writes ${file}`);
  }
}

/** Turns fetch's failures into one line a person can act on. */
function explain(err: unknown, url: string): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
  const code = cause && 'code' in cause ? String(cause.code) : '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `server unreachable at ${url} (${code}) — is it running?`;
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2), process.env);
  const key = await ingestKey(process.env, opts.dataDir);
  const say = (line: string) => console.log(`[simulate] ${line}`);

  const send = async (message: InboundMessage): Promise<void> => {
    let res: Response;
    try {
      res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new Error(explain(err, opts.url));
    }
    if (res.status === 401) throw new Error('the server refused the ingest key (401): check INGEST_API_KEY or DATA_DIR');
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  };

  say(`posting to ${opts.url} every ${opts.intervalMs} ms${opts.count ? `, ${opts.count} messages` : ''} (Ctrl+C to stop)`);
  const simulator = startSimulator({
    send,
    intervalMs: opts.intervalMs,
    log: say,
    ...(opts.count !== undefined ? { count: opts.count } : {}),
    onDone: () => say('done'),
  });
  process.on('SIGINT', () => {
    simulator.stop();
    process.exit(0);
  });
}

main().catch((err: unknown) => {
  console.error(`[simulate] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
