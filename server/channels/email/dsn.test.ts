import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isDeliveryReport, outcomeOf, readDeliveryReport } from './dsn.js';
import { parseMail } from './email-normalize.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url));

describe('delivery status notifications', () => {
  it("reads a Postfix bounce: the returned Message-ID and the relay's diagnostic", async () => {
    const mail = await parseMail(await fixture('postfix-bounce.eml'));
    expect(isDeliveryReport(mail.headers.get('content-type'))).toBe(true);
    const report = readDeliveryReport(mail);
    expect(report).toEqual({
      originalMessageId: '<msg_0mgq2x1z3a1b2c3d4e5f60718293a4b5c@mairie.example>',
      recipients: [
        {
          recipient: 'jeanne.dupont@example.fr',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <jeanne.dupont@example.fr>: Recipient address rejected: User unknown in virtual mailbox table',
        },
      ],
    });
    expect(outcomeOf(report!)).toEqual({
      status: 'failed',
      reason: '5.1.1 — 550 5.1.1 <jeanne.dupont@example.fr>: Recipient address rejected: User unknown in virtual mailbox table',
    });
  });

  it('leaves a message alone while the relay is still trying, and marks it delivered on a success notice', async () => {
    const raw = (await fixture('postfix-bounce.eml')).toString('utf8');
    const delayed = readDeliveryReport(await parseMail(Buffer.from(raw.replace('Action: failed', 'Action: delayed').replace('Status: 5.1.1', 'Status: 4.4.1'))));
    expect(outcomeOf(delayed!)).toBeNull();
    const delivered = readDeliveryReport(await parseMail(Buffer.from(raw.replace('Action: failed', 'Action: delivered').replace('Status: 5.1.1', 'Status: 2.0.0'))));
    expect(outcomeOf(delivered!)).toEqual({ status: 'delivered' });
  });

  it('does not take an ordinary message, or a non-delivery report, for a bounce', async () => {
    const plain = await parseMail(Buffer.from('From: a@example.fr\r\nTo: b@example.fr\r\nSubject: Bonjour\r\n\r\nBonjour\r\n'));
    expect(isDeliveryReport(plain.headers.get('content-type'))).toBe(false);
    expect(isDeliveryReport({ value: 'multipart/report', params: { 'report-type': 'disposition-notification' } })).toBe(false);
  });
});
