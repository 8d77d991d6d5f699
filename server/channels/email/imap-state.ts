import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

/** Where one mailbox was read up to. A new UIDVALIDITY voids lastUid (RFC 3501 §2.3.1.1). */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

/**
 * The IMAP pollers' cursors in one small JSON file under DATA_DIR. Kept out of the store on
 * purpose: it is per-instance bookkeeping, not journal state, and a lost file costs only a
 * re-read of the mailbox, whose messages the Message-ID dedupe absorbs.
 */
export class ImapStateFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  async get(key: string): Promise<MailboxCursor | undefined> {
    return (await this.readAll())[key];
  }

  /** Writes are serialised and atomic (write aside, fsync, rename): a crash keeps the old or the new file. */
  set(key: string, cursor: MailboxCursor): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.readAll();
      all[key] = cursor;
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(all, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readAll(): Promise<Record<string, MailboxCursor>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, MailboxCursor>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
  }
}
