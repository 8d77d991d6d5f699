import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenId, ConversationId, Message, MessageId, QueueId } from '../../shared/index.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { ReceiptDesk, receiptAdvances } from './delivery-receipts.js';
import { systemClock, type Store } from './ports.js';

describe('receiptAdvances', () => {
  it('moves forward only; a failure stands unless the message was read', () => {
    expect(receiptAdvances('queued', 'sent')).toBe(true);
    expect(receiptAdvances('sent', 'read')).toBe(true);
    expect(receiptAdvances('read', 'delivered')).toBe(false);
    expect(receiptAdvances('delivered', 'delivered')).toBe(false);
    expect(receiptAdvances('delivered', 'failed')).toBe(true);
    expect(receiptAdvances('read', 'failed')).toBe(false);
    expect(receiptAdvances('failed', 'read')).toBe(false);
  });
});

describe('ReceiptDesk', () => {
  let store: Store;
  const bus = new LocalEventBus();
  const citizenId = 'cit_1' as CitizenId;
  const conversationId = 'conv_1' as ConversationId;
  const queueId = 'que_1' as QueueId;
  const env = { at: '2026-01-01T10:00:00.000Z', actor: { kind: 'system' as const }, citizenId, conversationId, queueId };
  const reply: Message = {
    id: 'msg_r' as MessageId, conversationId, citizenId, direction: 'outbound', channel: 'whatsapp', kind: 'text',
    author: { kind: 'agent' }, text: 'Bonjour', attachments: [], at: env.at, status: 'queued',
  };

  beforeEach(async () => {
    store = await openSqliteStore({ file: ':memory:' });
    await store.append([
      { ...env, type: 'citizen.created', payload: { displayName: 'J', identities: [{ kind: 'whatsapp', value: '+33612345678', level: 'unverified' }] } },
      { ...env, type: 'conversation.opened', payload: { citizenName: 'J', queueId, channel: 'whatsapp', priority: 'normal' } },
      { ...env, type: 'message.sent', payload: { message: reply } },
    ]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('holds a receipt that beats the send’s own record, and applies it once the provider id is known', async () => {
    const desk = new ReceiptDesk({ store, bus, clock: systemClock, log: () => {} });
    desk.start();
    expect(await desk.receive({ channel: 'whatsapp', providerMessageId: 'wamid.1', status: 'read' })).toBe('unknown');
    expect(await desk.receive({ channel: 'whatsapp', providerMessageId: 'wamid.1', status: 'delivered' })).toBe('unknown');
    // The outbox records the send with the id Meta returned.
    bus.publish(await store.append([{ ...env, type: 'message.status', payload: { messageId: reply.id, status: 'sent', providerMessageId: 'wamid.1' } }]));
    for (let i = 0; i < 50 && (await store.getMessage(reply.id))!.status !== 'read'; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await store.getMessage(reply.id))!.status).toBe('read');
    desk.stop();
  });
});
