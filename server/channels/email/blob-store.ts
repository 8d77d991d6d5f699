import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const BLOB_ID = /^sha256-([0-9a-f]{64})$/;

/**
 * Attachment bytes, content-addressed under one folder: the id is the SHA-256 of the content, so
 * a message retried by its sender, or the same PDF sent twice, is stored once, and a blob is never
 * overwritten with different bytes. Blobs are written before the journal entry that names them,
 * so a committed message never points to a missing file; a crash in between leaves an orphan
 * file, which is harmless.
 */
export class BlobStore {
  constructor(private readonly root: string) {}

  async put(content: Buffer): Promise<string> {
    const hex = createHash('sha256').update(content).digest('hex');
    const file = this.fileOf(hex);
    if (await exists(file)) return `sha256-${hex}`;
    await mkdir(path.dirname(file), { recursive: true });
    // Write aside, flush, then rename: a reader never sees half a file under the final name.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return `sha256-${hex}`;
  }

  /** The bytes of a blob, or null for an unknown or malformed id. */
  async get(blobId: string): Promise<Buffer | null> {
    const hex = BLOB_ID.exec(blobId)?.[1];
    if (!hex) return null;
    try {
      return await readFile(this.fileOf(hex));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private fileOf(hex: string): string {
    // Two levels of fan-out keep directories small on a town hall's years of mail.
    return path.join(this.root, hex.slice(0, 2), hex.slice(2, 4), hex);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
