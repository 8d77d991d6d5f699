import { z } from 'zod';
import { SurveyWordingOverrides } from './domain/surveys/survey-wording.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** An optional setting where an empty value means unset (e.g. `META_APP_SECRET=` in a .env file). */
const blank = z.string().transform((v) => v.trim() || undefined);
const secret = (min: number, name: string) =>
  blank.pipe(z.string().min(min, `${name} must be at least ${min} characters`).optional()).optional();

// Every setting has a default that runs on a bare machine; see README "Configuration".
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  INGEST_API_KEY: z.string().min(16, 'INGEST_API_KEY must be at least 16 characters').optional(),
  /** Keys the pseudonyms of masked replays; several instances must share one. Generated into DATA_DIR when unset. */
  REPLAY_MASK_SECRET: z.string().min(16, 'REPLAY_MASK_SECRET must be at least 16 characters').optional(),
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
  /** Extra browser origins allowed to open the staff socket (comma list), e.g. a separate console host. */
  CONSOLE_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /**
   * Several instances: all share this Redis (>= 7, sharded pub/sub) for room broadcasts. Unset (or
   * empty) on a single instance.
   */
  REDIS_URL: z
    .string()
    .transform((v) => v.trim() || undefined)
    .pipe(z.string().regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must look like redis://host:6379').optional())
    .optional(),
  /** Collision indicators: an open conversation's "who is here" entry lives this long unrefreshed. */
  PRESENCE_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  /** Switches the store to MongoDB (`mongodb://host:port/guichet`); unset or empty = SQLite in DATA_DIR. */
  MONGODB_URI: z
    .string()
    .transform((v) => v.trim() || undefined)
    .pipe(z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'MONGODB_URI must look like mongodb://host:27017/guichet').optional())
    .optional(),
  // Email (README "Email"): SMTP_DOMAINS unset = no SMTP listener, SMTP_RELAY_URL unset = no sending.
  SMTP_DOMAINS: z.string().transform((v) => v.trim() || undefined).optional(),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Address of the SMTP listener; HOST when unset. */
  SMTP_HOST: z.string().transform((v) => v.trim() || undefined).optional(),
  SMTP_RELAY_URL: z
    .string()
    .transform((v) => v.trim() || undefined)
    .pipe(z.string().regex(/^smtps?:\/\/\S+$/, 'SMTP_RELAY_URL must look like smtp://host:25').optional())
    .optional(),
  SMTP_FROM: z.string().transform((v) => v.trim() || undefined).optional(),
  EMAIL_MAX_MB: z.coerce.number().min(0.01).max(200).default(25),
  EMAIL_ATTACHMENT_MAX_MB: z.coerce.number().min(0).max(200).default(10),
  /** One or more mailboxes to poll, separated by spaces or commas (percent-encode them in passwords). */
  IMAP_URL: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^imaps?:\/\/[^@/\s]+@\S+$/, 'IMAP_URL must look like imap://user:password@host:143/INBOX')))
    .default([]),
  IMAP_POLL_SECONDS: z.coerce.number().min(1).default(60),
  // Web chat (README "Web chat widget"): on by default for the same-origin demo page.
  WEBCHAT_ENABLED: flag.default(true),
  /** Origins of the town's pages that embed the widget (default site), comma-separated. */
  WEBCHAT_ALLOWED_ORIGINS: z.string().optional(),
  /** Verified mode of the default site: HMAC secret shared with the citizen portal. */
  WEBCHAT_SECRET: z.string().transform((v) => v.trim() || undefined).optional(),
  /** Several embedding sites: JSON array of {id, origins, secret?, contactEmail?}. */
  WEBCHAT_SITES: z.string().optional(),
  WEBCHAT_CONTACT_EMAIL: z.string().transform((v) => v.trim() || undefined).optional(),
  /** The accessibility statement: who runs this Guichet ("Mairie de Lyon"), and where to report a problem (email or https address). */
  ACCESSIBILITY_ENTITY: z.string().transform((v) => v.trim() || undefined).optional(),
  ACCESSIBILITY_CONTACT: z.string().transform((v) => v.trim() || undefined).optional(),
  /** MAC key of visitors' session tokens; generated into DATA_DIR when unset (share it between instances). */
  WEBCHAT_SESSION_SECRET: z.string().min(32, 'WEBCHAT_SESSION_SECRET must be at least 32 characters').optional(),
  WEBCHAT_MAX_LENGTH: z.coerce.number().int().min(1).max(20_000).default(2000),
  WEBCHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  // Phone and social channels (README "Phone", "Meta", "Telegram"): each is off until its secret is set.
  /** External base URL of this server, as Twilio calls it (its signature covers it). */
  /** Single sign-on (OpenID Connect): the provider's issuer URL; with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. */
  OIDC_ISSUER: blank.pipe(z.url({ protocol: /^https?$/, error: 'OIDC_ISSUER must be an http(s) URL' }).optional()).optional(),
  OIDC_CLIENT_ID: blank.optional(),
  OIDC_CLIENT_SECRET: blank.optional(),
  /** The sign-in button's words. */
  OIDC_LABEL: z.string().default('ProConnect'),
  PUBLIC_URL: blank.pipe(z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL' }).optional()).optional(),
  TWILIO_AUTH_TOKEN: secret(16, 'TWILIO_AUTH_TOKEN'),
  VOICE_WEBHOOK_SECRET: secret(16, 'VOICE_WEBHOOK_SECRET'),
  META_APP_SECRET: secret(16, 'META_APP_SECRET'),
  META_VERIFY_TOKEN: secret(8, 'META_VERIFY_TOKEN'),
  META_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
  META_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, 'META_GRAPH_VERSION looks like v21.0').default('v21.0'),
  /** WhatsApp Cloud API: system-user token and the sending number's id. */
  META_ACCESS_TOKEN: secret(8, 'META_ACCESS_TOKEN'),
  WHATSAPP_PHONE_NUMBER_ID: blank.pipe(z.string().regex(/^\d{5,30}$/, 'WHATSAPP_PHONE_NUMBER_ID is the numeric id of the number').optional()).optional(),
  /** Messenger and Instagram: the Page access token (META_ACCESS_TOKEN when unset). */
  META_PAGE_ACCESS_TOKEN: secret(8, 'META_PAGE_ACCESS_TOKEN'),
  TELEGRAM_BOT_TOKEN: blank.pipe(z.string().regex(/^\d+:[\w-]{20,}$/, 'TELEGRAM_BOT_TOKEN looks like 123456:ABC-DEF…').optional()).optional(),
  /** Telegram's setWebhook secret_token: 1-256 of A-Z, a-z, 0-9, _ and -. */
  TELEGRAM_SECRET_TOKEN: blank.pipe(z.string().regex(/^[\w-]{16,256}$/, 'TELEGRAM_SECRET_TOKEN: 16-256 of A-Z a-z 0-9 _ -').optional()).optional(),
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  STATIC_DIR: z.string().default('./dist/client'),
  /**
   * JSON file of opening-hours calendars, queues and staff routing (README "Routing and service
   * levels"), applied at start; the demo's own setup when unset in demo mode.
   */
  ROUTING_FILE: z.string().transform((v) => v.trim() || undefined).optional(),
  /** Satisfaction survey after each resolution (README "Satisfaction surveys"). */
  SURVEYS: flag.default(true),
  /** Language of the survey message sent to citizens; the public page follows the browser. */
  SURVEY_LANGUAGE: z.enum(['fr', 'en']).default('fr'),
  /** JSON overrides of the survey texts, e.g. {"fr":{"question":"…"},"en":{"question":"…"}}. */
  SURVEY_WORDING: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v || '{}') as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'SURVEY_WORDING must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(SurveyWordingOverrides),
});

export type Config = z.output<typeof Env>;

/** The settings that choose the routing setup, for the CLIs that must measure as the server does. */
export type RoutingSetupConfig = Pick<Config, 'ROUTING_FILE' | 'GUICHET_DEMO'>;

export function loadRoutingSetupConfig(env: NodeJS.ProcessEnv = process.env): RoutingSetupConfig {
  const parsed = Env.pick({ ROUTING_FILE: true, GUICHET_DEMO: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${reasonsOf(parsed.error)}`);
  return parsed.data;
}

const reasonsOf = (error: z.ZodError): string => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

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
    throw new ConfigError(`invalid configuration: ${reasonsOf(parsed.error)}`);
  }
  return parsed.data;
}
