import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureBaseDirectory, loadRoutingSetup, randomSecret } from './bootstrap.js';
import { keptSecret } from './kept-secret.js';
import { ConfigError, loadConfig } from './config.js';
import { sanitizeEmailHtml } from './content/sanitize-html.js';
import { resetDemoPasswords } from './demo/demo-directory.js';
import { demoGuardedSenders } from './demo/demo-sender-guard.js';
import { demoSinkSender } from './demo/demo-sink-sender.js';
import type { ChannelSender } from './domain/outbox.js';
import { seedDemo } from './demo/seed-demo.js';
import { startSimulator } from './demo/simulator.js';
import type { ChannelModule } from './channels/channel-module.js';
import { phoneFromConfig } from './channels/phone/phone-from-config.js';
import { socialFromConfig } from './channels/social/social-from-config.js';
import { webchatFromConfig } from './channels/webchat/webchat-from-config.js';
import { emailFromConfig } from './channels/email/email-from-config.js';
import { RoutingSetupError } from './domain/routing-setup/index.js';
import { CalendarSet } from './domain/routing-setup/live-setup.js';
import { createGuichet } from './guichet-server.js';
import { systemClock } from './domain/ports.js';
import { installProcessGuard } from './process-guard.js';
import { logMailer, relayMailer } from './auth/staff-mail.js';
import { redisEndpoint } from './realtime/redis-adapter.js';
import { openStore } from './store/open-store.js';

const say = (line: string) => console.log(`[guichet] ${line}`);

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const oidc = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) throw new ConfigError('single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together');
  // Read before the store opens: a bad file stops the start with nothing written.
  const routing = await loadRoutingSetup(config);
  // Live: the store's setup may replace these, and the console may change them.
  const calendars = new CalendarSet(routing?.setup.calendars ?? []);
  await mkdir(config.DATA_DIR, { recursive: true });
  const { store, where } = await openStore(config.MONGODB_URI, config.DATA_DIR, () => calendars.get());
  say(`store: ${where}`);

  // Keys replay pseudonyms, so they stay the same across restarts.
  const maskSecret = await keptSecret({ dataDir: config.DATA_DIR, fileName: 'replay-mask-secret', fromEnv: config.REPLAY_MASK_SECRET, bytes: 32, minLength: 16 });
  if (maskSecret.generated) say(`replay masking secret generated in ${maskSecret.file}`);
  // Links are signed with the replay secret under their own HMAC domain: one persisted, shared secret.
  const surveys = config.SURVEYS
    ? {
        secret: maskSecret.value,
        publicUrl: config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`,
        wording: config.SURVEY_WORDING,
        language: config.SURVEY_LANGUAGE,
      }
    : undefined;

  if (config.GUICHET_DEMO) {
    const password = config.GUICHET_DEMO_PASSWORD ?? randomSecret(9);
    const seeded = await seedDemo({ store, sanitizeHtml: sanitizeEmailHtml, log: say, password, surveys, ...(routing ? { routing } : {}) });
    if (seeded.created) {
      say(`demo data: ${seeded.citizens} citizens, ${seeded.messages} messages, seeded in ${Math.round(seeded.ms)} ms`);
      say(`demo accounts (password for all: ${password}) — shown once, keep it:`);
      for (const account of seeded.accounts) say(`  ${account.role.padEnd(10)} ${account.email}`);
    } else if (config.GUICHET_DEMO_PASSWORD) {
      const reset = await resetDemoPasswords(store, config.GUICHET_DEMO_PASSWORD);
      say(`demo data already present; ${reset} demo accounts use GUICHET_DEMO_PASSWORD`);
    } else {
      say('demo data already present; demo passwords were shown at first start (set GUICHET_DEMO_PASSWORD to choose one)');
    }
  } else {
    const admin = await ensureBaseDirectory(store, config.GUICHET_ADMIN_PASSWORD, !routing?.setup.queues.some((q) => q.isDefault));
    if (admin) say(`first start: admin account ${admin.email}, password ${admin.password} — shown once, keep it`);
  }


  // The key connectors use; `npm run simulate` reads the same file.
  const ingestKey = await keptSecret({ dataDir: config.DATA_DIR, fileName: 'ingest-api-key', fromEnv: config.INGEST_API_KEY, bytes: 24, minLength: 16 });
  if (ingestKey.generated) say(`ingest API key generated in ${ingestKey.file}`);

  // Demo citizens are invented: their replies go to a local file, never to a real address, whatever
  // relay or provider the environment configures (demo-sender-guard.ts).
  const demoOutbox = path.join(config.DATA_DIR, 'demo-outbox.jsonl');
  const guardSenders = config.GUICHET_DEMO
    ? (all: readonly ChannelSender[]) => demoGuardedSenders(all, (channel) => demoSinkSender(channel, demoOutbox))
    : undefined;
  if (config.GUICHET_DEMO) say(`demo mode: replies to demo citizens are written to ${demoOutbox}, never sent`);

  const channels: ChannelModule[] = [];
  const webchat = await webchatFromConfig(config, say);
  if (webchat) channels.push(webchat);
  const email = emailFromConfig(config, store, say);
  if (email) channels.push(email);
  channels.push(phoneFromConfig(config, say), ...socialFromConfig(config, say));

  if (config.REDIS_URL) say(`realtime: Redis adapter (sharded pub/sub) at ${redisEndpoint(config.REDIS_URL)}`);
  const guichet = await createGuichet({
    store,
    ...(guardSenders ? { guardSenders } : {}),
    ingestApiKey: ingestKey.value,
    replayMaskSecret: maskSecret.value,
    staticDir: config.STATIC_DIR,
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
    loginLimit: config.LOGIN_RATE_LIMIT,
    loginWindowMs: config.LOGIN_RATE_WINDOW_SECONDS * 1000,
    trustProxy: config.TRUST_PROXY,
    consoleOrigins: config.CONSOLE_ORIGINS,
    redisUrl: config.REDIS_URL,
    channels,
    // The file seeds the store's setup when it is new to it (createGuichet applies it first).
    routing: { calendars, seed: routing },
    collision: { ttlMs: config.PRESENCE_TTL_MS },
    surveys,
    publicUrl: config.PUBLIC_URL,
    accessibility: { entity: config.ACCESSIBILITY_ENTITY, contact: config.ACCESSIBILITY_CONTACT ?? config.WEBCHAT_CONTACT_EMAIL },
    sso:
      config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
        ? { issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET, label: config.OIDC_LABEL }
        : undefined,
    // Invitations and resets go through the town's relay like email replies, else into the log.
    staffMailer: email?.relay() ? relayMailer(email.relay()!.url, email.relay()!.from) : logMailer(say),
  });
  installProcessGuard(process, { store, bus: guichet.bus, clock: systemClock, log: (msg, err) => console.error(`[guichet] ${msg}`, err ?? '') });
  const url = await guichet.listen(config.PORT, config.HOST);
  say(`console ready at ${url} (started in ${Math.round(performance.now() - started)} ms)`);

  const simulator = config.GUICHET_SIMULATE
    ? startSimulator({
        intervalMs: config.SIMULATE_INTERVAL_MS,
        log: say,
        send: async (message) => {
          await guichet.ingest.ingest(message);
        },
      })
    : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: closing`);
    simulator?.stop();
    await guichet.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RoutingSetupError) {
    console.error(`[guichet] ${err.message}`);
  } else {
    console.error('[guichet] failed to start', err);
  }
  process.exit(1);
});
