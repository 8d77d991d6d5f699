import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emailChannel, type EmailChannel } from '../channels/email/email-channel.js';
import { StoreUnavailableError } from '../domain/ports.js';
import { startHarness, type Harness } from './harness.js';

// What can never be filed is refused for good (5xx with the reason), so the sending server stops
// retrying at once; only a store that cannot commit now gets 451. Real SMTP on loopback.

const TOWN = 'contact@mairie.test';
const HEAD = `From: jeanne@example.fr\r\nTo: ${TOWN}\r\nSubject: Demande\r\nMIME-Version: 1.0\r\n`;

let h: Harness;
let email: EmailChannel;
let sender: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;

beforeAll(async () => {
  h = await startHarness({
    channels: ({ dir, store }) => {
      email = emailChannel({ dataDir: dir, store, domains: TOWN, smtpPort: 0, smtpHost: '127.0.0.1', relayUrl: undefined, from: TOWN, maxBytes: 5_000_000, attachmentMaxBytes: 100_000 });
      return [email];
    },
  });
  sender = nodemailer.createTransport({ host: '127.0.0.1', port: email.smtpAddress()!.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  sender?.close();
  await h?.close();
});

async function refusal(raw: string): Promise<{ responseCode?: number; response?: string }> {
  try {
    await sender.sendMail({ envelope: { from: 'jeanne@example.fr', to: [TOWN] }, raw });
  } catch (err) {
    return err as { responseCode?: number; response?: string };
  }
  throw new Error('accepted what must be refused');
}

function nested(depth: number): string {
  let raw = HEAD;
  for (let i = 0; i < depth; i++) raw += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
  raw += 'Content-Type: text/plain\r\n\r\nBonjour\r\n';
  for (let i = depth - 1; i >= 0; i--) raw += `--b${i}--\r\n`;
  return raw;
}

const CASES: Record<string, { raw: () => string; code: number; reply: RegExp }> = {
  'an oversized header block': { raw: () => `${HEAD}X-Padding: ${'a'.repeat(400_000)}\r\n\r\nBonjour\r\n`, code: 552, reply: /^552 5\.3\.4 .*header block is larger than 256 KB/ },
  'thousands of headers': {
    raw: () => `${HEAD}${Array.from({ length: 5000 }, (_, i) => `X-Trace-${i}: relay`).join('\r\n')}\r\n\r\nBonjour\r\n`,
    code: 552,
    reply: /^552 5\.3\.4 .*more than 1000 fields/,
  },
  'MIME nested thousands deep': { raw: () => nested(3000), code: 554, reply: /^554 5\.6\.0 .*nested more than 32 deep/ },
  'thousands of parts': {
    raw: () => `${HEAD}Content-Type: multipart/mixed; boundary=z\r\n\r\n${'--z\r\n\r\npart\r\n'.repeat(3000)}--z--\r\n`,
    code: 554,
    reply: /^554 5\.6\.0 .*more than 500 MIME parts/,
  },
  'no sender at all': { raw: () => `To: ${TOWN}\r\nSubject: ?\r\n\r\nqui suis-je\r\n`, code: 550, reply: /^550 5\.6\.0 .*no sender address/ },
};

describe('SMTP refusals', () => {
  for (const [label, { raw, code, reply }] of Object.entries(CASES)) {
    it(`refuses ${label} for good, with the reason, and keeps nothing`, async () => {
      const before = await h.store.headSeq();
      const err = await refusal(raw());
      expect(err.responseCode).toBe(code);
      expect(err.response).toMatch(reply);
      expect(await h.store.headSeq()).toBe(before);
    });
  }

  it('still answers 451 (try again later) when the store cannot commit, then takes the retry', async () => {
    const append = vi.spyOn(h.store, 'append').mockRejectedValueOnce(new StoreUnavailableError('database is locked'));
    const raw = `${HEAD}Message-ID: <outage-1@example.fr>\r\n\r\nBonjour\r\n`;
    const err = await refusal(raw);
    expect(err.responseCode).toBe(451);
    expect(err.response).toMatch(/^451 4\.3\.0 /);
    append.mockRestore();
    const info = await sender.sendMail({ envelope: { from: 'jeanne@example.fr', to: [TOWN] }, raw });
    expect(info.response).toMatch(/^250 /);
    expect(await h.store.findMessageByExternalId('email', '<outage-1@example.fr>')).not.toBeNull();
  });
});
