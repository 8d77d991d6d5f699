import { readFile } from 'node:fs/promises';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { checkMimeBounds, DEFAULT_MIME_LIMITS } from './mime-bounds.js';

const HEAD = 'From: jeanne@example.fr\r\nTo: contact@mairie.test\r\nSubject: Demande\r\nMIME-Version: 1.0\r\n';

function nested(depth: number): Buffer {
  let raw = HEAD;
  for (let i = 0; i < depth; i++) raw += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
  raw += 'Content-Type: text/plain\r\n\r\nBonjour\r\n';
  for (let i = depth - 1; i >= 0; i--) raw += `--b${i}--\r\n`;
  return Buffer.from(raw);
}

function withParts(count: number): Buffer {
  let raw = `${HEAD}Content-Type: multipart/mixed;\r\n boundary="z"\r\n\r\npreamble\r\n`;
  for (let i = 0; i < count; i++) raw += `--z\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`;
  return Buffer.from(`${raw}--z--\r\n`);
}

function forwarded(times: number): Buffer {
  let raw = HEAD;
  for (let i = 0; i < times; i++) raw += `Content-Type: message/rfc822\r\n\r\nFrom: f${i}@example.fr\r\nSubject: Fwd\r\n`;
  return Buffer.from(`${raw}Content-Type: text/plain\r\n\r\nfin\r\n`);
}

async function composed(): Promise<Buffer> {
  // What real clients send: alternative text/HTML inside mixed, attachments, a forwarded mail.
  const inner = await new MailComposer({ from: 'a@example.fr', to: 'b@example.fr', subject: 'Transféré', text: 'inner', html: '<p>inner</p>' }).compile().build();
  return new MailComposer({
    from: '"Jeanne Dupont" <jeanne@example.fr>',
    to: 'contact@mairie.test',
    subject: 'Pièces pour mon dossier',
    text: 'Bonjour, voici les pièces.',
    html: '<p>Bonjour, voici les <b>pièces</b>.</p><img src="cid:logo">',
    attachments: [
      { filename: 'logo.png', content: Buffer.alloc(100, 1), cid: 'logo' },
      { filename: 'justificatif.pdf', content: Buffer.alloc(5000, 2) },
      { filename: 'transfert.eml', content: inner, contentType: 'message/rfc822' },
    ],
  })
    .compile()
    .build();
}

describe('MIME bounds', () => {
  it('lets through the messages clients actually send, and a bounce', async () => {
    expect(checkMimeBounds(await composed())).toBeNull();
    expect(checkMimeBounds(await readFile(new URL('./fixtures/postfix-bounce.eml', import.meta.url)))).toBeNull();
    expect(checkMimeBounds(Buffer.from(`${HEAD}\r\nBonjour`))).toBeNull();
    expect(checkMimeBounds(Buffer.from(''))).toBeNull();
  });

  it('counts nesting through multiparts and forwarded messages alike', () => {
    expect(checkMimeBounds(nested(DEFAULT_MIME_LIMITS.depth))).toBeNull();
    expect(checkMimeBounds(nested(DEFAULT_MIME_LIMITS.depth + 1))).toEqual({ kind: 'depth', limit: 32 });
    expect(checkMimeBounds(nested(5000))).toEqual({ kind: 'depth', limit: 32 });
    expect(checkMimeBounds(forwarded(DEFAULT_MIME_LIMITS.depth))).toBeNull();
    expect(checkMimeBounds(forwarded(DEFAULT_MIME_LIMITS.depth + 1))).toEqual({ kind: 'depth', limit: 32 });
  });

  it('counts parts, header fields and header bytes per block', () => {
    expect(checkMimeBounds(withParts(DEFAULT_MIME_LIMITS.parts - 1))).toBeNull();
    expect(checkMimeBounds(withParts(DEFAULT_MIME_LIMITS.parts))).toEqual({ kind: 'parts', limit: 500 });
    const fields = (n: number) => Buffer.from(HEAD + Array.from({ length: n }, (_, i) => `X-H${i}: v`).join('\r\n') + '\r\n\r\nbody');
    expect(checkMimeBounds(fields(DEFAULT_MIME_LIMITS.headerFields - 4))).toBeNull();
    expect(checkMimeBounds(fields(DEFAULT_MIME_LIMITS.headerFields))).toEqual({ kind: 'header-fields', limit: 1000 });
    // Folded continuation lines are one field, but every byte counts.
    const folded = Buffer.from(`${HEAD}X-Long: a\r\n${' b\r\n'.repeat(70_000)}\r\nbody`);
    expect(checkMimeBounds(folded)).toEqual({ kind: 'header-bytes', limit: 256 * 1024 });
    // A part's header block is bounded like the message's; a body line is no header.
    const partHeader = Buffer.from(`${HEAD}Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nX-Big: ${'a'.repeat(300_000)}\r\n\r\nx\r\n--z--\r\n`);
    expect(checkMimeBounds(partHeader)).toEqual({ kind: 'header-bytes', limit: 256 * 1024 });
    expect(checkMimeBounds(Buffer.from(`${HEAD}\r\n${'a'.repeat(300_000)}\r\n`))).toBeNull();
  });

  it('ignores boundaries that are not open, and closes nested ones with their parent', () => {
    const raw = Buffer.from(
      `${HEAD}Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\n\r\na\r\n--outer--\r\n--inner\r\n--inner\r\n`,
    );
    // After --outer-- nothing is open: the stray --inner lines start no parts.
    expect(checkMimeBounds(raw, { ...DEFAULT_MIME_LIMITS, parts: 3 })).toBeNull();
  });
});
