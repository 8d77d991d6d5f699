import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgentId, QueueId } from '../shared/index.js';
import { hashPassword } from './auth/passwords.js';
import type { Store } from './domain/ports.js';

export function randomSecret(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The ingest key connectors use. Taken from INGEST_API_KEY, else generated once and kept in
 * DATA_DIR/ingest-api-key (owner-only) so `npm run simulate` and restarts find the same one.
 */
export async function resolveIngestKey(dataDir: string, fromEnv: string | undefined): Promise<{ key: string; generated: boolean }> {
  if (fromEnv) return { key: fromEnv, generated: false };
  const file = path.join(dataDir, 'ingest-api-key');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 16) return { key: existing, generated: false };
  } catch {
    // First start: fall through and create it.
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomSecret(24);
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { key, generated: true };
}

/**
 * The secret that keys replay pseudonyms: REPLAY_MASK_SECRET, else generated once into
 * DATA_DIR/replay-mask-secret (owner-only) so pseudonyms stay the same across restarts.
 */
export async function resolveReplayMaskSecret(dataDir: string, fromEnv: string | undefined): Promise<{ secret: string; generated: boolean }> {
  if (fromEnv) return { secret: fromEnv, generated: false };
  const file = path.join(dataDir, 'replay-mask-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 16) return { secret: existing, generated: false };
  } catch {
    // First start: fall through and create it.
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomSecret(32);
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { secret, generated: true };
}

/**
 * An empty deployment still needs a queue to route into and someone to log in.
 * Returns the admin's password when one was created, for the start-up log only.
 */
export async function ensureBaseDirectory(store: Store, adminPassword: string | undefined): Promise<{ email: string; password: string } | null> {
  if ((await store.listQueues()).length === 0) {
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
