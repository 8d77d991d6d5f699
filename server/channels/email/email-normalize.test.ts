import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from '../../content/sanitize-html.js';
import { BlobStore } from './blob-store.js';
import { mailToInbound, parseMail, UnfileableMailError } from './email-normalize.js';

let dir: string;
let blobs: BlobStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-mail-'));
  blobs = new BlobStore(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A real RFC 5322 message, as nodemailer would put it on the wire. */
function compose(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const toInbound = async (raw: Buffer) => mailToInbound(await parseMail(raw), { blobs, attachmentMaxBytes: 1000, sanitizeHtml: sanitizeEmailHtml });

describe('email normalisation', () => {
  it('carries the threading hints: In-Reply-To, References and the subject token', async () => {
    const inbound = await toInbound(
      await compose({
        from: 'Paul Martin <paul@example.fr>',
        to: 'contact@mairie.example',
        subject: 'RE: Re: Carte grise [#GUI-3F9A12BC]',
        text: 'Merci',
        messageId: '<reply-2@example.fr>',
        inReplyTo: '<msg_abc@mairie.example>',
        references: ['<first@example.fr>', '<msg_abc@mairie.example>'],
      }),
    );
    expect(inbound).toMatchObject({
      channel: 'email',
      externalId: '<reply-2@example.fr>',
      from: { kind: 'email', value: 'paul@example.fr', level: 'channel', displayName: 'Paul Martin' },
      inReplyTo: '<msg_abc@mairie.example>',
      references: ['<first@example.fr>', '<msg_abc@mairie.example>'],
      conversationRef: '3f9a12bc',
    });
  });

  it('files a web-form message under its Reply-To, not under the form robot', async () => {
    const inbound = await toInbound(
      await compose({ from: 'Site de la mairie <no-reply@mairie.example>', replyTo: 'Awa Diallo <awa@example.fr>', to: 'contact@mairie.example', subject: 'Formulaire', text: 'Bonjour' }),
    );
    expect(inbound.from).toEqual({ kind: 'email', value: 'awa@example.fr', level: 'unverified', displayName: 'Awa Diallo' });
  });

  it('gives a message without Message-ID the same id on every relay hop', async () => {
    const body = 'From: awa@example.fr\r\nTo: contact@mairie.example\r\nSubject: Sans identifiant\r\nDate: Tue, 14 Oct 2025 10:00:00 +0200\r\n\r\nBonjour\r\n';
    const first = await toInbound(Buffer.from(`Received: from a by b; Tue, 14 Oct 2025 10:00:01 +0200\r\n${body}`));
    const retried = await toInbound(Buffer.from(`Received: from c by d; Tue, 14 Oct 2025 10:05:00 +0200\r\nReceived: from a by b; Tue, 14 Oct 2025 10:00:01 +0200\r\n${body}`));
    const other = await toInbound(Buffer.from(body.replace('Bonjour', 'Bonsoir')));
    expect(first.externalId).toMatch(/^<generated-[0-9a-f]{40}@guichet\.invalid>$/);
    expect(retried.externalId).toBe(first.externalId);
    expect(other.externalId).not.toBe(first.externalId);
  });

  it('keeps attachments up to the limit and lists larger ones without their bytes', async () => {
    const small = Buffer.from('petit justificatif');
    const inbound = await toInbound(
      await compose({
        from: 'awa@example.fr',
        to: 'contact@mairie.example',
        text: 'Pièces jointes',
        attachments: [
          { filename: 'justificatif.txt', content: small, contentType: 'text/plain' },
          { filename: 'scan.pdf', content: Buffer.alloc(5000, 1), contentType: 'application/pdf' },
        ],
      }),
    );
    const [kept, listed] = inbound.attachments!;
    expect(kept).toMatchObject({ name: 'justificatif.txt', size: small.length, blobId: expect.stringMatching(/^sha256-[0-9a-f]{64}$/) });
    expect(await blobs.get(kept!.blobId!)).toEqual(small);
    expect(listed).toEqual({ name: 'scan.pdf', contentType: 'application/pdf', size: 5000 });
  });

  it('refuses a message nobody can be answered at', async () => {
    await expect(toInbound(Buffer.from('To: contact@mairie.example\r\nSubject: ?\r\n\r\nBonjour\r\n'))).rejects.toBeInstanceOf(UnfileableMailError);
  });
});
