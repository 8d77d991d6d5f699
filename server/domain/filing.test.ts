import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, AgentId, JournalEvent, QueueId } from '../../shared/index.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { AgentCommands } from './agent-commands.js';
import { CallService, type CallProgressReport } from './calls.js';
import { IngestService } from './ingest.js';
import { systemClock, type Store } from './ports.js';

// Outbound calls and inbound messages take one filing path (filing.ts): the same routing, the
// same threading, the same rules for a conversation that waits on the citizen.

const QUEUES = [
  { id: 'que_accueil' as QueueId, keywords: [], isDefault: true },
  { id: 'que_urbanisme' as QueueId, keywords: ['permis de construire'], isDefault: false },
];
const AGENT: Agent = { id: 'agt_a' as AgentId, email: 'a@m.test', displayName: 'Agnès', role: 'agent', queueIds: QUEUES.map((q) => q.id) };

let dir: string;
let store: Store;
let calls: CallService;
let ingest: IngestService;
let commands: AgentCommands;
let published: JournalEvent[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-filing-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  const bus = new LocalEventBus();
  published = [];
  bus.subscribe((e) => published.push(e));
  // The routing setup is the live list (as routing-setup/live-setup.ts keeps it); the store holds
  // no queue rows here, so a filing that read the store's queues would have nowhere to go.
  ingest = new IngestService({ store, bus, clock: systemClock, queueRules: { queues: QUEUES }, sanitizeHtml: (h) => h });
  calls = new CallService({ store, bus, clock: systemClock, ingest });
  commands = new AgentCommands({ store, bus, clock: systemClock });
  await store.saveAgent({ ...AGENT, passwordHash: 'x' });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
const call = (direction: 'inbound' | 'outbound', citizenNumber: string): CallProgressReport => ({
  externalId: `call-${++n}`,
  direction,
  citizenNumber,
  townNumber: '+33140000000',
  stage: 'completed',
  at: new Date().toISOString(),
  durationSec: 42,
});

describe('one filing path for messages and outbound calls', () => {
  it('routes an outbound call to a new number with the live routing setup, as a message', async () => {
    const filed = await calls.record(call('outbound', '06 12 34 56 78'));
    expect(filed.status).toBe('created');
    const conversation = await store.getConversation(filed.message.conversationId);
    expect(conversation?.queueId).toBe('que_accueil');
    expect(filed.message).toMatchObject({ direction: 'outbound', kind: 'call', channel: 'phone', status: 'sent' });
    // Filed and announced: citizen, conversation, message, in one commit.
    expect(published.map((e) => e.type)).toEqual(['citizen.created', 'conversation.opened', 'message.sent']);
  });

  it('files a call back into the citizen’s active conversation, which still waits on the citizen', async () => {
    const first = await calls.record(call('inbound', '+33612345678'));
    const conversationId = first.message.conversationId;
    await commands.setStatus(AGENT, { conversationId, status: 'pending' });

    const back = await calls.record(call('outbound', '+33 6 12 34 56 78'));
    expect(back.message.conversationId).toBe(conversationId);
    expect(back.message.citizenId).toBe(first.message.citizenId);
    // Staff reaching out does not put the conversation back in the queue; the citizen's answer does.
    expect((await store.getConversation(conversationId))?.status).toBe('pending');
    await calls.record(call('inbound', '+33612345678'));
    expect((await store.getConversation(conversationId))?.status).toBe('open');
  });

  it('files a provider’s repeated report of the same outbound call once', async () => {
    const report = call('outbound', '+33612345678');
    const [a, b] = await Promise.all([calls.record(report), calls.record(report)]);
    expect(a.message.id).toBe(b.message.id);
    expect(published.filter((e) => e.type === 'message.sent')).toHaveLength(1);
  });
});
