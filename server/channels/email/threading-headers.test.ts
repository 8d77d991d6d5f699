import { describe, expect, it } from 'vitest';
import { recipientPolicy } from './recipients.js';
import {
  guichetMessageIdOf,
  messageIdList,
  outboundMessageId,
  replyHeaders,
  subjectToken,
  subjectTokenRef,
  withSubjectToken,
} from './threading-headers.js';

const CONVERSATION = 'conv_0mgq2x1z33f9a12bc0011223344556677';

describe('threading headers', () => {
  it('derives our Message-ID from the message id and reads it back only for our domain', () => {
    const id = outboundMessageId('msg_0mgq2x1z3aa', 'mairie.example');
    expect(id).toBe('<msg_0mgq2x1z3aa@mairie.example>');
    expect(guichetMessageIdOf(id, 'MAIRIE.example')).toBe('msg_0mgq2x1z3aa');
    expect(guichetMessageIdOf('<msg_0mgq2x1z3aa@ailleurs.example>', 'mairie.example')).toBeNull();
    expect(guichetMessageIdOf('<CAF=x8Yv2k@mail.example.fr>', 'mairie.example')).toBeNull();
  });

  it('puts a subject token once and finds it again whatever the case and the Re:/TR: prefixes', () => {
    expect(subjectToken(CONVERSATION)).toBe('[#GUI-3F9A12BC]');
    const subject = withSubjectToken('Re: Carte grise', CONVERSATION);
    expect(subject).toBe('Re: Carte grise [#GUI-3F9A12BC]');
    expect(withSubjectToken(subject, CONVERSATION)).toBe(subject);
    expect(subjectTokenRef(`TR: RE: ${subject.toLowerCase()}`)).toBe('3f9a12bc');
    expect(subjectTokenRef('Carte grise')).toBeUndefined();
  });

  it('reads Message-ID lists in every shape mail clients write them', () => {
    expect(messageIdList('<a@x>  <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(messageIdList(['<a@x>', '<b@y>'])).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdList('bare@id')).toEqual(['<bare@id>']);
    expect(messageIdList(undefined)).toEqual([]);
  });

  it('answers the latest message and keeps the root when trimming References', () => {
    expect(replyHeaders([])).toEqual({});
    expect(replyHeaders(['<a@x>', '<b@y>', '<a@x>'])).toEqual({ inReplyTo: '<b@y>', references: ['<a@x>', '<b@y>'] });
    const long = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const { inReplyTo, references } = replyHeaders(long);
    expect(inReplyTo).toBe('<m29@x>');
    expect(references).toHaveLength(20);
    expect(references![0]).toBe('<m0@x>');
    expect(references!.at(-1)).toBe('<m29@x>');
  });
});

describe('recipient policy', () => {
  it('accepts listed addresses and whole domains, nothing else', () => {
    const policy = recipientPolicy('Contact@Mairie.example, urbanisme.example');
    expect(policy.accepts('contact@mairie.example')).toBe(true);
    expect(policy.accepts('CONTACT@MAIRIE.EXAMPLE')).toBe(true);
    expect(policy.accepts('autre@mairie.example')).toBe(false);
    expect(policy.accepts('qui.que.ce.soit@urbanisme.example')).toBe(true);
    expect(policy.accepts('x@sous.urbanisme.example')).toBe(false);
    expect(policy.accepts('urbanisme.example')).toBe(false);
    expect(policy.defaultAddress).toBe('contact@mairie.example');
    expect(recipientPolicy('ville.example').defaultAddress).toBe('contact@ville.example');
  });
});
