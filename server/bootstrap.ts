import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AgentId, QueueId } from '../shared/index.js';
import { hashPassword } from './auth/passwords.js';
import { ConfigError, type RoutingSetupConfig } from './config.js';
import { DEMO_ROUTING, DEMO_ROUTING_SOURCE } from './demo/demo-routing.js';
import type { Store } from './domain/ports.js';
import { parseRoutingSetupJson, RoutingSetupError, type RoutingSetup } from './domain/routing-setup/index.js';

export function randomSecret(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * An empty deployment still needs a queue to route into and someone to log in.
 * Returns the admin's password when one was created, for the start-up log only.
 */
export async function ensureBaseDirectory(
  store: Store,
  adminPassword: string | undefined,
  /** False when the routing setup brings its own default queue. */
  defaultQueue = true,
): Promise<{ email: string; password: string } | null> {
  if (defaultQueue && (await store.listQueues()).length === 0) {
    await store.saveQueue({ id: 'que_accueil' as QueueId, name: 'Accueil général', description: '', keywords: [], isDefault: true });
  }
  if ((await store.listAgents()).length > 0) return null;
  const email = 'admin@guichet.local';
  const password = adminPassword ?? randomSecret();
  await store.saveAgent({
    id: 'agt_admin' as AgentId,
    email,
    displayName: 'Administrateur',
    role: 'admin',
    queueIds: [],
    passwordHash: await hashPassword(password),
  });
  return { email, password };
}

export interface LoadedRoutingSetup {
  setup: RoutingSetup;
  /** Where it came from, for logs and errors. */
  source: string;
}

/**
 * The deployment's routing setup: ROUTING_FILE when set, else the demo's in demo mode, else an
 * empty one (no calendars; queues and agents as the store has them). main.ts and the CLIs call
 * this, so reports measure durations in the same calendars everywhere. A file that cannot be
 * read or is invalid is a ConfigError with a one-line reason.
 */
export async function loadRoutingSetup(config: RoutingSetupConfig): Promise<LoadedRoutingSetup | null> {
  if (config.ROUTING_FILE) {
    const source = `ROUTING_FILE ${config.ROUTING_FILE}`;
    let text: string;
    try {
      text = await readFile(config.ROUTING_FILE, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError(`${source}: cannot read it (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`);
    }
    try {
      return { setup: parseRoutingSetupJson(text, source), source };
    } catch (error) {
      if (error instanceof RoutingSetupError) throw new ConfigError(error.message);
      throw error;
    }
  }
  if (config.GUICHET_DEMO) return { setup: DEMO_ROUTING, source: DEMO_ROUTING_SOURCE };
  return null;
}
