import { describe, expect, it } from 'vitest';
import { normalizeMetaPayload } from './meta-normalize.js';

// Samples shaped like Meta's documented webhook payloads.

const whatsapp = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '33612345678' }],
            messages: [
              { from: '33612345678', id: 'wamid.TEXT', timestamp: '1749416383', type: 'text', text: { body: 'Bonjour' } },
              { from: '33612345678', id: 'wamid.DOC', timestamp: '1749416390', type: 'document', document: { caption: 'Mon justificatif', filename: 'facture.pdf', mime_type: 'application/pdf', sha256: 'x', id: '2734' } },
              { from: '33612345678', id: 'wamid.LOC', timestamp: '1749416391', type: 'location', location: { latitude: 48.85, longitude: 2.35, name: 'Mairie' } },
              { from: '33612345678', id: 'wamid.REACT', timestamp: '1749416392', type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } },
            ],
            statuses: [
              { id: 'wamid.OUT1', status: 'read', timestamp: '1749416400', recipient_id: '33612345678' },
              {
                id: 'wamid.OUT2',
                status: 'failed',
                timestamp: '1749416401',
                recipient_id: '33612345678',
                errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed' } }],
              },
              { id: 'wamid.OUT3', status: 'deleted', timestamp: '1749416402', recipient_id: '33612345678' },
            ],
          },
        },
      ],
    },
  ],
};

describe('normalizeMetaPayload', () => {
  it('reads WhatsApp messages (text, media, location) and receipts', () => {
    const batch = normalizeMetaPayload(whatsapp);
    expect(batch.messages).toEqual([
      { channel: 'whatsapp', externalId: 'wamid.TEXT', from: { kind: 'whatsapp', value: '+33612345678', level: 'channel', displayName: 'Sheena Nelson' }, text: 'Bonjour', providerAt: '2025-06-08T20:59:43.000Z' },
      {
        channel: 'whatsapp',
        externalId: 'wamid.DOC',
        from: { kind: 'whatsapp', value: '+33612345678', level: 'channel', displayName: 'Sheena Nelson' },
        text: 'Mon justificatif',
        attachments: [{ name: 'facture.pdf', contentType: 'application/pdf', size: 0 }],
        providerAt: '2025-06-08T20:59:50.000Z',
      },
      expect.objectContaining({ externalId: 'wamid.LOC', text: 'Mairie — 48.85, 2.35' }),
    ]);
    expect(batch.receipts).toEqual([
      { channel: 'whatsapp', providerMessageId: 'wamid.OUT1', status: 'read', reason: undefined },
      {
        channel: 'whatsapp',
        providerMessageId: 'wamid.OUT2',
        status: 'failed',
        reason: 'Re-engagement message: Message failed to send because more than 24 hours have passed (131047)',
      },
    ]);
    expect(batch.ignored).toEqual(['whatsapp: reaction wamid.REACT not kept', 'whatsapp: status deleted of wamid.OUT3 not handled']);
  });

  it('reads Messenger and Instagram messaging events, deliveries, and skips echoes', () => {
    const messenger = normalizeMetaPayload({
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: 1458692752478,
          messaging: [
            { sender: { id: 'PSID1' }, recipient: { id: 'PAGE' }, timestamp: 1458692752478, message: { mid: 'm_1', text: 'hello', attachments: [{ type: 'image', payload: { url: 'https://cdn.example/photo%201.jpg?x=1' } }] } },
            { sender: { id: 'PAGE' }, recipient: { id: 'PSID1' }, timestamp: 1458692752479, message: { mid: 'm_2', text: 'echo', is_echo: true } },
            { sender: { id: 'PSID1' }, recipient: { id: 'PAGE' }, delivery: { mids: ['m_out'], watermark: 1458668856253 } },
          ],
        },
      ],
    });
    expect(messenger.messages).toEqual([
      {
        channel: 'messenger',
        externalId: 'm_1',
        from: { kind: 'messenger', value: 'PSID1', level: 'channel' },
        text: 'hello',
        attachments: [{ name: 'photo 1.jpg', contentType: 'image/*', size: 0 }],
        providerAt: '2016-03-23T00:25:52.478Z',
      },
    ]);
    expect(messenger.receipts).toEqual([{ channel: 'messenger', providerMessageId: 'm_out', status: 'delivered' }]);
    const instagram = normalizeMetaPayload({ object: 'instagram', entry: [{ id: 'IG', messaging: [{ sender: { id: 'IGSID' }, recipient: { id: 'IG' }, timestamp: 1, message: { mid: 'ig_1', text: 'salut' } }] }] });
    expect(instagram.messages[0]).toMatchObject({ channel: 'instagram', from: { kind: 'instagram', value: 'IGSID' } });
  });

  it('sets aside what it cannot read instead of failing the delivery', () => {
    expect(normalizeMetaPayload({ hello: 'world' }).ignored).toEqual(['not a Meta webhook payload (object, entry[])']);
    const partly = normalizeMetaPayload({ object: 'page', entry: [{ messaging: [{ nonsense: true }, { sender: { id: 'P' }, message: { mid: 'm_ok', text: 'ok' } }] }] });
    expect(partly.messages.map((m) => m.externalId)).toEqual(['m_ok']);
    expect(partly.ignored).toHaveLength(1);
  });
});
