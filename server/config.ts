import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

// Every setting has a default that runs on a bare machine; see README "Configuration".
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  INGEST_API_KEY: z.string().min(16, 'INGEST_API_KEY must be at least 16 characters').optional(),
  GUICHET_DEMO: flag.default(true),
  GUICHET_DEMO_PASSWORD: z.string().min(8, 'GUICHET_DEMO_PASSWORD must be at least 8 characters').optional(),
  GUICHET_ADMIN_PASSWORD: z.string().min(12).optional(),
  GUICHET_SIMULATE: flag.default(false),
  SIMULATE_INTERVAL_MS: z.coerce.number().int().min(50).default(4000),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Express "trust proxy": set when behind a load balancer so rate limits see the real client. */
  TRUST_PROXY: z.string().optional(),
  STATIC_DIR: z.string().default('./dist/client'),
});

export type Config = z.output<typeof Env>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  const merged: Record<string, string | undefined> = { ...env };
  for (const arg of argv) {
    if (arg === '--no-demo') merged.GUICHET_DEMO = '0';
    else if (arg === '--demo') merged.GUICHET_DEMO = '1';
    else if (arg === '--simulate') merged.GUICHET_SIMULATE = '1';
    else throw new ConfigError(`unknown option ${arg} (known: --no-demo, --demo, --simulate)`);
  }
  const parsed = Env.safeParse(merged);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${reasons}`);
  }
  return parsed.data;
}
