import path from 'node:path';
import { ConfigError, type Config } from '../../config.js';
import { keptSecret } from '../../kept-secret.js';
import type { ChannelModule } from '../channel-module.js';
import { WebchatConfigError, webchatSitesFromEnv } from './webchat-config.js';
import { webchatModule } from './webchat-module.js';

/** The web-chat module as configured by the environment, or null when WEBCHAT_ENABLED=0. */
export async function webchatFromConfig(config: Config, say: (line: string) => void): Promise<ChannelModule | null> {
  if (!config.WEBCHAT_ENABLED) {
    say('web chat: disabled (WEBCHAT_ENABLED=0)');
    return null;
  }
  let sites;
  try {
    sites = webchatSitesFromEnv({
      sites: config.WEBCHAT_SITES,
      allowedOrigins: config.WEBCHAT_ALLOWED_ORIGINS,
      secret: config.WEBCHAT_SECRET,
      contactEmail: config.WEBCHAT_CONTACT_EMAIL,
    });
  } catch (err) {
    if (err instanceof WebchatConfigError) throw new ConfigError(err.message);
    throw err;
  }
  // Session tokens are MAC'd with it: a restart must not sign every visitor out.
  const session = await keptSecret({ dataDir: config.DATA_DIR, fileName: 'webchat-session-secret', fromEnv: config.WEBCHAT_SESSION_SECRET, bytes: 32, minLength: 32 });
  if (session.generated) say(`web chat: session secret generated in ${session.file}`);
  for (const site of sites) {
    const origins = site.origins.length ? site.origins.join(', ') : 'same origin only';
    say(`web chat: site "${site.id}" (${origins}; verified mode ${site.secret ? 'on' : 'off'})`);
  }
  return webchatModule({
    sites,
    sessionSecret: session.value,
    limits: {
      maxLength: config.WEBCHAT_MAX_LENGTH,
      messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE,
      sessionsPerIpPerMinute: config.WEBCHAT_SESSIONS_PER_IP_PER_MINUTE,
    },
    trustProxy: config.TRUST_PROXY !== undefined,
    widgetDir: path.resolve(config.STATIC_DIR, '..', 'widget'),
  });
}
