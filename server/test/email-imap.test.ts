import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionService } from '../auth/session-service.js';
import { emailChannel, type EmailChannel } from '../channels/email/email-channel.js';
import { ImapPoller, parseImapUrl } from '../channels/email/imap-poller.js';
import { ImapStateFile } from '../channels/email/imap-state.js';
import { StoreUnavailableError, systemClock } from '../domain/ports.js';
import { dovecotAvailability, startDovecot, type Dovecot } from './email-dovecot.js';
import { nextPush, startHarness, type Harness } from './harness.js';

const availability = dovecotAvailability();

function compose(subject: string, text: string, messageId: string): Promise<Buffer> {
  return new MailComposer({
    from: 'Karim Haddad <karim.haddad@example.fr>',
    to: 'accueil@mairie.test',
    subject,
    text,
    messageId,
    attachments: [{ filename: 'attestation.txt', content: 'Attestation de domicile' }],
  })
    .compile()
    .build();
}

describe.skipIf(!availability.available)(`IMAP poller against a real Dovecot${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
  let dovecot: Dovecot;
  let h: Harness | undefined;
  beforeEach(async () => {
    dovecot = await startDovecot();
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await dovecot.stop();
  });

  function mailboxChannel(dir: string, store: Harness['store']): EmailChannel {
    return emailChannel({
      dataDir: dir,
      store,
      smtpPort: 0,
      smtpHost: '127.0.0.1',
      imapUrls: [dovecot.url],
      // Rounds are driven by the test through poll(); the timer must not add its own.
      imapPollMs: 3_600_000,
      maxBytes: 1_000_000,
      attachmentMaxBytes: 100_000,
    });
  }

  it('files a message placed in the mailbox once, live, and never again after the poller restarts', async () => {
    let first: EmailChannel | undefined;
    h = await startHarness({ channels: ({ dir, store }) => [(first = mailboxChannel(dir, store))] });
    const ingest = vi.spyOn(h.guichet.ingest, 'ingest');
    const poller = first!.pollers()[0]!;
    await poller.poll(); // the start-up round: an empty mailbox
    const agent = await h.socket('agent');

    const pushed = nextPush(agent, 'message:received', (e) => e.payload.message.subject === 'Attestation de domicile');
    const uid = await dovecot.deliver(await compose('Attestation de domicile', 'Bonjour, voici mon attestation.', '<imap-1@example.fr>'));
    expect(await poller.poll()).toBe(1);
    const message = (await pushed).payload.message;
    expect(message).toMatchObject({ channel: 'email', externalId: '<imap-1@example.fr>', text: 'Bonjour, voici mon attestation.' });
    expect(message.attachments[0]).toMatchObject({ name: 'attestation.txt', blobId: expect.stringMatching(/^sha256-/) });
    expect(await poller.poll()).toBe(0);
    expect(ingest).toHaveBeenCalledTimes(1);
    const state = new ImapStateFile(path.join(h.dir, 'imap-state.json'));
    expect((await state.get(poller.key))?.lastUid).toBe(uid);

    // Restart: the old poller stops, a new channel instance reads its cursor from DATA_DIR.
    await poller.stop();
    const second = mailboxChannel(h.dir, h.store);
    const sessions = new SessionService(h.store, systemClock, 3_600_000);
    const stopSecond = await second.start({ ...h.guichet, store: h.store, clock: systemClock, log: () => {}, sessions });
    try {
      const restarted = second.pollers()[0]!;
      await restarted.poll();
      expect(ingest).toHaveBeenCalledTimes(1);

      const next = nextPush(agent, 'message:received', (e) => e.payload.message.externalId === '<imap-2@example.fr>');
      await dovecot.deliver(await compose('Re: Attestation de domicile', 'Et la seconde page.', '<imap-2@example.fr>'));
      expect(await restarted.poll()).toBe(1);
      expect((await next).payload.message.conversationId).toBe(message.conversationId);
      expect(ingest).toHaveBeenCalledTimes(2);
      expect(ingest.mock.calls.map(([m]) => (m as { externalId: string }).externalId)).toEqual(['<imap-1@example.fr>', '<imap-2@example.fr>']);
    } finally {
      await stopSecond();
    }
  });

  it('reads a backlog in batches, in UID order, and reads a folder again when its UIDVALIDITY changes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-imap-'));
    try {
      await dovecot.withClient((c) => c.mailboxCreate('Guichet'));
      for (const n of [1, 2, 3]) await dovecot.deliver(await compose(`Demande ${n}`, `Texte ${n}`, `<batch-${n}@example.fr>`), 'Guichet');
      const seen: string[] = [];
      const logs: string[] = [];
      const poller = new ImapPoller({
        mailbox: parseImapUrl(dovecot.url.replace(/INBOX$/, 'Guichet')),
        intervalMs: 3_600_000,
        state: new ImapStateFile(path.join(dir, 'imap-state.json')),
        maxBytes: 1_000_000,
        batch: 2,
        receive: async (raw) => void seen.push(/^Message-ID: (.*)$/im.exec(raw.toString())![1]!.trim()),
        log: (msg) => void logs.push(msg),
      });
      expect([await poller.poll(), await poller.poll(), await poller.poll()]).toEqual([2, 1, 0]);
      expect(seen).toEqual(['<batch-1@example.fr>', '<batch-2@example.fr>', '<batch-3@example.fr>']);

      // The folder is recreated (a server migration, a restore): old UIDs mean nothing any more.
      await dovecot.withClient(async (c) => {
        await c.mailboxDelete('Guichet');
        await c.mailboxCreate('Guichet');
      });
      await dovecot.deliver(await compose('Demande 4', 'Texte 4', '<batch-4@example.fr>'), 'Guichet');
      expect(await poller.poll()).toBe(1);
      expect(seen.at(-1)).toBe('<batch-4@example.fr>');
      expect(logs.some((l) => l.includes('changed UIDVALIDITY'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps its place when the store fails: the message is fetched again on the next round and filed once', async () => {
    let channel: EmailChannel | undefined;
    h = await startHarness({ channels: ({ dir, store }) => [(channel = mailboxChannel(dir, store))] });
    const poller = channel!.pollers()[0]!;
    await poller.poll();
    const append = vi.spyOn(h.store, 'append').mockRejectedValueOnce(new StoreUnavailableError('disk full'));
    await dovecot.deliver(await compose('Panne', 'Message pendant une panne', '<imap-3@example.fr>'));
    await expect(poller.poll()).rejects.toBeInstanceOf(StoreUnavailableError);
    append.mockRestore();
    expect(await poller.poll()).toBe(1);
    expect(await h.store.findMessageByExternalId('email', '<imap-3@example.fr>')).not.toBeNull();
  });
});
