import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentId } from '../../../shared/index.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { DomainError } from '../errors.js';
import { systemClock, type Store, type StoredAgent } from '../ports.js';
import { AssignmentService } from './assignment-service.js';
import { AssignmentCommands } from './assignment-commands.js';

const staff = (id: string, role: StoredAgent['role']): StoredAgent => ({ id: id as AgentId, email: `${id}@m.test`, displayName: id, role, queueIds: [], passwordHash: 'x' });
const alice = staff('agt_alice', 'agent');
const bruno = staff('agt_bruno', 'agent');
const sarah = staff('agt_sarah', 'supervisor');
const tom = staff('agt_tom', 'trainer');

let dir: string;
let store: Store;
let commands: AssignmentCommands;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-routing-cmd-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  for (const a of [alice, bruno, sarah, tom]) await store.saveAgent(a);
  commands = new AssignmentCommands({ store, assignment: new AssignmentService({ store, bus: new LocalEventBus(), clock: systemClock }) });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const stateOf = async (id: AgentId) => (await store.listAgentStatuses()).find((s) => s.agentId === id)?.state ?? 'offline';

describe('AssignmentCommands', () => {
  it('lets agents set their own state only, and supervisors anyone’s', async () => {
    await commands.setState(alice, { state: 'away' });
    expect(await stateOf(alice.id)).toBe('away');
    await expect(commands.setState(alice, { state: 'busy', agentId: bruno.id })).rejects.toMatchObject({ code: 'forbidden' });
    await commands.setState(sarah, { state: 'busy', agentId: bruno.id });
    expect(await stateOf(bruno.id)).toBe('busy');
    await expect(commands.setState(sarah, { state: 'busy', agentId: 'agt_nobody' })).rejects.toBeInstanceOf(DomainError);
    await expect(commands.setState(alice, { state: 'sleeping' })).rejects.toMatchObject({ code: 'bad_request' });
    expect((await commands.statuses(alice)).map((s) => s.agentId)).toEqual([alice.id]);
    expect((await commands.statuses(sarah)).map((s) => s.agentId).sort()).toEqual([alice.id, bruno.id].sort());
  });

  it('follows presence: agents come online available, keep away across reconnects, go offline; trainers are not routed', async () => {
    await commands.presence(alice, true);
    expect(await stateOf(alice.id)).toBe('available');
    await commands.setState(alice, { state: 'away' });
    await commands.presence(alice, true);
    expect(await stateOf(alice.id)).toBe('away');
    await commands.presence(alice, false);
    expect(await stateOf(alice.id)).toBe('offline');
    await commands.presence(sarah, true);
    expect(await stateOf(sarah.id)).toBe('offline');
    await commands.presence(tom, true);
    expect(await store.listAgentStatuses()).toHaveLength(1);
  });
});
