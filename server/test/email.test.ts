import path from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationId, Message } from '../../shared/index.js';
import { BlobStore } from '../channels/email/blob-store.js';
import { emailChannel, type EmailChannel } from '../channels/email/email-channel.js';
import { StoreUnavailableError } from '../domain/ports.js';
import { startSmtpSink, type SmtpSink } from './email-sink.js';
import { nextPush, startHarness, type Harness } from './harness.js';

const TOWN = 'contact@mairie.test';
const MAX_BYTES = 200_000;

let h: Harness;
let sink: SmtpSink;
let email: EmailChannel;
let citizen: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;

beforeEach(async () => {
  sink = await startSmtpSink({ refuse: (rcpt) => rcpt.startsWith('inexistant@') });
  h = await startHarness({
    channels: ({ dir, store }) => {
      email = emailChannel({
        dataDir: dir,
        store,
        domains: `${TOWN}, annexe.mairie.test`,
        smtpPort: 0,
        smtpHost: '127.0.0.1',
        relayUrl: sink.url,
        from: `Mairie de Test <${TOWN}>`,
        maxBytes: MAX_BYTES,
        attachmentMaxBytes: 100_000,
      });
      return [email];
    },
  });
  const { port } = email.smtpAddress()!;
  // The citizen's mail server, as far as Guichet can tell: a real SMTP client on loopback.
  citizen = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
});
afterEach(async () => {
  citizen.close();
  await h.close();
  await sink.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function jeanneWrites(extra: nodemailer.SendMailOptions = {}): Promise<SMTPTransport.SentMessageInfo> {
  return citizen.sendMail({
    from: '"Jeanne Dupont" <Jeanne.Dupont@example.fr>',
    to: TOWN,
    subject: 'Demande d’acte de naissance — état civil',
    text: 'Bonjour,\n\nJe souhaiterais obtenir une copie intégrale de mon acte de naissance.\nCi-joint ma pièce d’identité.\n\nCordialement,\nJeanne Dupont',
    html: '<p>Bonjour,</p><p>Je souhaiterais obtenir une <strong>copie intégrale</strong> de mon acte de naissance.</p><script>alert("x")</script><img src="https://pixel.example/t.gif">',
    attachments: [{ filename: 'pièce d’identité.pdf', content: PDF, contentType: 'application/pdf' }],
    ...extra,
  });
}

async function smtpFailure(send: Promise<unknown>): Promise<{ responseCode?: number; response?: string }> {
  try {
    await send;
  } catch (err) {
    return err as { responseCode?: number; response?: string };
  }
  throw new Error('the SMTP listener accepted what it should have refused');
}

describe('email channel over real SMTP', () => {
  it('files a French multipart email live, sends the agent reply with threading headers, and threads the answer back', async () => {
    const agent = await h.socket('agent');
    const pushed = nextPush(agent, 'message:received', (e) => e.payload.message.channel === 'email');
    const info = await jeanneWrites();
    expect(info.response).toMatch(/^250 /);
    // 250 comes after the journal commit: the message is there the moment the sender hears it.
    const stored = await h.store.findMessageByExternalId('email', info.messageId);
    expect(stored).not.toBeNull();

    const received = (await pushed).payload.message;
    expect(received.id).toBe(stored!.id);
    expect(received).toMatchObject({ direction: 'inbound', subject: 'Demande d’acte de naissance — état civil', author: { name: 'Jeanne Dupont' } });
    expect(received.text).toContain('copie intégrale de mon acte de naissance');
    expect(received.html).toContain('<strong>copie intégrale</strong>');
    expect(received.html).not.toMatch(/script|pixel\.example/);
    expect(received.attachments).toHaveLength(1);
    const [attachment] = received.attachments;
    expect(attachment).toMatchObject({ name: 'pièce d’identité.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(await new BlobStore(path.join(h.dir, 'blobs')).get(attachment!.blobId!)).toEqual(PDF);
    const citizenRecord = await h.store.getCitizen(received.citizenId);
    expect(citizenRecord!.identities).toMatchObject([{ kind: 'email', value: 'jeanne.dupont@example.fr', level: 'channel', source: { channel: 'email' } }]);

    // The agent answers from the console; the outbox hands it to the relay.
    const conversationId = received.conversationId as ConversationId;
    const sentStatus = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'sent');
    const ack = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId,
      channel: 'email',
      text: 'Bonjour Madame Dupont,\n\nVotre demande est enregistrée.\n\nLe service état civil',
      clientMessageId: 'email-reply-0001',
    });
    if (!ack.ok) throw new Error(ack.error.message);
    const reply: Message = ack.data;
    const relayed = await sink.next((m) => m.parsed.messageId === `<${reply.id}@mairie.test>`);
    expect(relayed.envelopeFrom).toBe(TOWN);
    expect(relayed.envelopeTo).toEqual(['jeanne.dupont@example.fr']);
    expect(relayed.parsed.from?.value[0]).toMatchObject({ address: TOWN, name: 'Mairie de Test' });
    expect(relayed.parsed.inReplyTo).toBe(info.messageId);
    expect([relayed.parsed.references].flat()).toEqual([info.messageId]);
    expect(relayed.parsed.subject).toMatch(/^Re: Demande d’acte de naissance — état civil \[#GUI-[0-9A-F]{8}\]$/);
    expect(relayed.parsed.text).toContain('Votre demande est enregistrée.');
    expect((await sentStatus).payload.messageId).toBe(reply.id);
    expect((await h.store.getMessage(reply.id))!.externalId).toBe(`<${reply.id}@mairie.test>`);

    // Jeanne answers from her mail client: In-Reply-To names the agent's reply.
    const answerPush = nextPush(agent, 'message:received', (e) => e.payload.message.text.startsWith('Merci'));
    await citizen.sendMail({
      from: 'Jeanne Dupont <jeanne.dupont@example.fr>',
      to: TOWN,
      subject: relayed.parsed.subject!.replace(/^Re: /, 'RE: Re: '),
      text: 'Merci beaucoup !\n\nLe 14/10/2025 à 10:12, Mairie de Test a écrit :\n> Bonjour Madame Dupont,\n> Votre demande est enregistrée.',
      inReplyTo: relayed.parsed.messageId!,
      references: [info.messageId, relayed.parsed.messageId!],
    });
    const answer = (await answerPush).payload.message;
    expect(answer.conversationId).toBe(conversationId);
    expect(answer.citizenId).toBe(received.citizenId);
  });

  it('lets staff download a kept attachment, as a download, and nobody else', async () => {
    const agent = await h.socket('agent');
    const pushed = nextPush(agent, 'message:received');
    await jeanneWrites();
    const { id } = (await pushed).payload.message;
    const url = `${h.url}/api/email/attachments/${id}/0`;
    expect((await fetch(url)).status).toBe(401);
    const { cookie } = await h.login('agent');
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=.*pi%C3%A8ce%20d%E2%80%99identit%C3%A9\.pdf/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    expect((await fetch(`${h.url}/api/email/attachments/${id}/1`, { headers: { cookie } })).status).toBe(404);
    const trainer = await h.login('trainer');
    expect((await fetch(url, { headers: { cookie: trainer.cookie } })).status).toBe(403);
  });

  it('reopens the resolved conversation a citizen answers, found by the subject token alone', async () => {
    const agent = await h.socket('agent');
    const first = nextPush(agent, 'message:received');
    await jeanneWrites({ attachments: [] });
    const conversationId = (await first).payload.message.conversationId as ConversationId;
    const ack = await agent.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'Voici.', clientMessageId: 'email-reply-0002' });
    if (!ack.ok) throw new Error(ack.error.message);
    const relayed = await sink.next((m) => m.parsed.messageId === `<${ack.data.id}@mairie.test>`);
    const resolved = await agent.timeout(5000).emitWithAck('conversation:set-status', { conversationId, status: 'resolved' });
    expect(resolved.ok).toBe(true);

    // A webmail that dropped the headers still carries the subject.
    const again = nextPush(agent, 'message:received', (e) => e.payload.message.text.includes('encore'));
    await citizen.sendMail({ from: 'jeanne.dupont@example.fr', to: TOWN, subject: `Re: ${relayed.parsed.subject}`, text: 'Une question encore.' });
    expect((await again).payload.message.conversationId).toBe(conversationId);
    expect((await h.store.getConversation(conversationId))!.status).toBe('open');
  });

  it('refuses an unknown recipient with 550 at RCPT TO and stores nothing', async () => {
    const err = await smtpFailure(jeanneWrites({ to: 'quelquun@ailleurs.test' }));
    expect(err.responseCode).toBe(550);
    expect(await h.store.headSeq()).toBe(0);
  });

  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const big = Buffer.alloc(MAX_BYTES, 0x41);
    const err = await smtpFailure(jeanneWrites({ attachments: [{ filename: 'scan.tiff', content: big }] }));
    expect(err.responseCode).toBe(552);
    expect(await h.store.headSeq()).toBe(0);
  });

  it('answers 451 while the store is unavailable, and files the retried message once', async () => {
    const append = vi.spyOn(h.store, 'append').mockRejectedValueOnce(new StoreUnavailableError('database is locked'));
    const messageId = '<retry-1@example.fr>';
    const err = await smtpFailure(jeanneWrites({ messageId }));
    expect(err.responseCode).toBe(451);
    expect(await h.store.findMessageByExternalId('email', messageId)).toBeNull();
    append.mockRestore();

    // The sender's queue retries, twice (e.g. it lost our 250): one message all the same.
    expect((await jeanneWrites({ messageId })).response).toMatch(/^250 /);
    expect((await jeanneWrites({ messageId })).response).toMatch(/^250 /);
    const message = await h.store.findMessageByExternalId('email', messageId);
    const timeline = await h.store.timeline(message!.citizenId, { limit: 10 });
    expect(timeline.items.map((m) => m.externalId)).toEqual([messageId]);
  });

  it('marks the reply failed when the relay bounces it (DSN), without filing the bounce as a citizen message', async () => {
    const agent = await h.socket('agent');
    const first = nextPush(agent, 'message:received');
    await jeanneWrites({ attachments: [] });
    const conversationId = (await first).payload.message.conversationId as ConversationId;
    const sent = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'sent');
    const ack = await agent.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'Voici la réponse.', clientMessageId: 'email-reply-0003' });
    if (!ack.ok) throw new Error(ack.error.message);
    await sent;
    const replyMessageId = `<${ack.data.id}@mairie.test>`;

    const failed = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'failed');
    const info = await citizen.sendMail({ envelope: { from: '', to: [TOWN] }, raw: bounceFor(replyMessageId) });
    expect(info.response).toMatch(/^250 /);
    const status = (await failed).payload;
    expect(status.messageId).toBe(ack.data.id);
    expect(status.reason).toContain('5.1.1');
    expect(status.reason).toContain('User unknown');
    expect((await h.store.getMessage(ack.data.id))!).toMatchObject({ status: 'failed', statusReason: status.reason, statusFailure: 'undeliverable' });
    // No "Mail Delivery System" citizen, no extra message in Jeanne's timeline.
    expect(await h.store.countCitizens()).toBe(1);
    expect((await h.store.timeline((await h.store.getMessage(ack.data.id))!.citizenId, { limit: 10 })).items).toHaveLength(2);
  });

  it("fails the reply for good when the relay refuses the citizen's address (5xx)", async () => {
    const agent = await h.socket('agent');
    const first = nextPush(agent, 'message:received');
    await jeanneWrites({ from: 'inexistant@example.fr', attachments: [] });
    const conversationId = (await first).payload.message.conversationId as ConversationId;
    const failed = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'failed');
    const ack = await agent.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'Bonjour', clientMessageId: 'email-reply-0004' });
    expect(ack.ok).toBe(true);
    expect((await failed).payload.reason).toMatch(/relay refused.*550/);
  });
});

/** A Postfix-style bounce of one of our replies (RFC 3464 multipart/report). */
function bounceFor(originalMessageId: string): string {
  const boundary = '4F2A81C0123.1760429523/relay.mairie.test';
  return [
    'Date: Tue, 14 Oct 2025 10:12:03 +0200 (CEST)',
    'From: MAILER-DAEMON@relay.mairie.test (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    `To: ${TOWN}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    'Message-Id: <20251014081203.4F2A81C0123@relay.mairie.test>',
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I\'m sorry to have to inform you that your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.mairie.test',
    '',
    'Final-Recipient: rfc822; jeanne.dupont@example.fr',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <jeanne.dupont@example.fr>: Recipient address',
    '    rejected: User unknown in virtual mailbox table',
    '',
    `--${boundary}`,
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    `From: Mairie de Test <${TOWN}>`,
    'To: jeanne.dupont@example.fr',
    'Subject: Re: Demande',
    `Message-ID: ${originalMessageId}`,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
