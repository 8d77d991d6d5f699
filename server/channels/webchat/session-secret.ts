import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The secret that session tokens are MAC'd with: WEBCHAT_SESSION_SECRET, else one generated once
 * into DATA_DIR (owner-only) so that visitors keep their sessions across restarts. Instances that
 * share a store must share this secret too (set the variable).
 */
export async function resolveSessionSecret(dataDir: string, fromEnv: string | undefined): Promise<{ secret: string; generated: boolean }> {
  if (fromEnv) return { secret: fromEnv, generated: false };
  const file = path.join(dataDir, 'webchat-session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return { secret: existing, generated: false };
  } catch {
    // First start: create it below.
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { secret, generated: true };
}
