import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, QueueId } from '../../shared/index.js';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { AgentCommands } from './agent-commands.js';
import { IngestService } from './ingest.js';
import { OutboxWorker, PermanentSendError, retryDelayMs, type ChannelSender, type OutboundDelivery } from './outbox.js';
import type { Store } from './ports.js';

const AGENT = { id: 'agt_a' as AgentId, email: 'a@m.test', displayName: 'Agnès', role: 'agent' as const, queueIds: ['que_a' as QueueId] };

/** A sender over our own port that fails the first `failures` attempts, then accepts. */
class ScriptedSender implements ChannelSender {
  readonly deliveries: OutboundDelivery[] = [];
  constructor(
    readonly channel: 'email' | 'whatsapp',
    private failures: number,
    private readonly permanent = false,
  ) {}
  async send(delivery: OutboundDelivery) {
    this.deliveries.push(delivery);
    if (this.failures > 0) {
      this.failures -= 1;
      throw this.permanent ? new PermanentSendError('550 no such user') : new Error('connection refused');
    }
    return { providerMessageId: `provider-${delivery.message.id}` };
  }
}

let dir: string;
let store: Store;
let now: Date;
const clock = { now: () => now };
const bus = new LocalEventBus();

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-outbox-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  await store.saveAgent({ ...AGENT, passwordHash: 'x' });
  now = new Date('2026-03-01T10:00:00.000Z');
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function queuedReply(channel: 'email' | 'whatsapp' = 'email') {
  const ingest = new IngestService({ store, bus, clock, queueRules: { queues: [{ id: 'que_a' as QueueId, keywords: [], isDefault: true }] }, sanitizeHtml: sanitizeEmailHtml });
  const inbound = await ingest.ingest({ channel: 'email', externalId: `m-${Math.random()}`, from: { kind: 'email', value: 'jeanne@example.fr' }, text: 'Bonjour' });
  return new AgentCommands({ store, bus, clock }).sendMessage(AGENT, {
    conversationId: inbound.message.conversationId,
    channel,
    text: 'Réponse',
    clientMessageId: `client-${Math.random()}`,
  });
}

function worker(senders: ChannelSender[]) {
  return new OutboxWorker({ store, bus, clock, senders, log: () => {}, baseDelayMs: 1000, maxAttempts: 3 });
}

describe('outbox worker', () => {
  it('sends a queued reply to the citizen address and journals it as sent with the provider id', async () => {
    const reply = await queuedReply();
    const sender = new ScriptedSender('email', 0);
    expect(await worker([sender]).runOnce()).toBe(1);
    expect(sender.deliveries).toHaveLength(1);
    expect(sender.deliveries[0]).toMatchObject({ to: { kind: 'email', value: 'jeanne@example.fr' }, idempotencyKey: reply.id, attempt: 1 });
    expect(await store.getMessage(reply.id)).toMatchObject({ status: 'sent', externalId: `provider-${reply.id}` });
    expect(await worker([sender]).runOnce()).toBe(0);
  });

  it('retries with exponential backoff, then gives up as failed with the reason', async () => {
    const reply = await queuedReply();
    const sender = new ScriptedSender('email', 5);
    const w = worker([sender]);
    await w.runOnce();
    expect(await store.getMessage(reply.id)).toMatchObject({ status: 'queued' });
    expect(await w.runOnce()).toBe(0); // not due yet
    now = new Date(now.getTime() + 1000);
    await w.runOnce();
    now = new Date(now.getTime() + 1999);
    expect(await w.runOnce()).toBe(0); // second retry waits 2 s
    now = new Date(now.getTime() + 1);
    await w.runOnce();
    expect(sender.deliveries.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(await store.getMessage(reply.id)).toMatchObject({ status: 'failed', statusReason: 'connection refused', statusFailure: 'gave_up' });
  });

  it('fails at once on a permanent refusal, or when the channel has no sender', async () => {
    const refused = await queuedReply();
    await worker([new ScriptedSender('email', 1, true)]).runOnce();
    expect(await store.getMessage(refused.id)).toMatchObject({ status: 'failed', statusReason: '550 no such user', statusFailure: 'provider_refused' });
    const unconfigured = await queuedReply();
    await worker([]).runOnce();
    expect(await store.getMessage(unconfigured.id)).toMatchObject({ status: 'failed', statusReason: 'the email channel is not configured', statusFailure: 'channel_not_configured' });
  });

  it('never hands the same reply to two workers at once', async () => {
    await queuedReply();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: ChannelSender = { channel: 'email', send: async () => (await gate, {}) };
    const fast = new ScriptedSender('email', 0);
    const first = worker([slow]).runOnce();
    await new Promise((r) => setTimeout(r, 20));
    expect(await worker([fast]).runOnce()).toBe(0);
    release();
    expect(await first).toBe(1);
    expect(fast.deliveries).toHaveLength(0);
  });

  it('doubles the delay up to a ceiling', () => {
    expect([1, 2, 3, 10].map((a) => retryDelayMs(a, 5000, 60_000))).toEqual([5000, 10_000, 20_000, 60_000]);
  });
});
