import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface KeptSecret {
  value: string;
  /** True when it was made on this start (the caller logs where, once). */
  generated: boolean;
  /** The file it is kept in under DATA_DIR, whether or not the environment set it. */
  file: string;
}

/**
 * A secret a single machine can make up for itself: the environment's value when set, else one
 * generated once into DATA_DIR (owner-only, 0600) and read back on every later start, so that a
 * restart keeps sessions, keys and pseudonyms. A file shorter than `minLength` (truncated, edited
 * by hand) is not trusted and is replaced. Instances that share a store must share these values:
 * set the variables there rather than relying on one machine's file.
 */
export async function keptSecret(options: {
  dataDir: string;
  fileName: string;
  fromEnv: string | undefined;
  /** Random bytes of a generated value (base64url-encoded). */
  bytes: number;
  /** A kept file's shortest acceptable value. */
  minLength: number;
}): Promise<KeptSecret> {
  const file = path.join(options.dataDir, options.fileName);
  if (options.fromEnv) return { value: options.fromEnv, generated: false, file };
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= options.minLength) return { value: existing, generated: false, file };
  } catch {
    // First start: create it below.
  }
  await mkdir(options.dataDir, { recursive: true });
  const value = randomBytes(options.bytes).toString('base64url');
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  // writeFile's mode only applies to a new file; a replaced short one keeps its old mode otherwise.
  await chmod(file, 0o600);
  return { value, generated: true, file };
}
