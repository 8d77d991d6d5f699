import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Agent } from '../../shared/index.js';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { AgentCommands } from '../domain/agent-commands.js';
import { IngestService } from '../domain/ingest.js';
import { systemClock, type Store } from '../domain/ports.js';
import type { QueueRules } from '../domain/queue-choice.js';

/** Ingest and agent commands over a real SQLite file in a temp folder, for domain tests. */
export interface IngestWorld {
  store: Store;
  ingest: IngestService;
  commands: AgentCommands;
  close(): Promise<void>;
}

export async function openIngestWorld(
  name: string,
  queues: QueueRules['queues'],
  agent: Omit<Agent, 'skills' | 'capacity'>,
): Promise<IngestWorld> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `guichet-${name}-`));
  const store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  const bus = new LocalEventBus();
  const ingest = new IngestService({ store, bus, clock: systemClock, queueRules: { queues }, sanitizeHtml: sanitizeEmailHtml });
  const commands = new AgentCommands({ store, bus, clock: systemClock });
  await store.saveAgent({ ...agent, passwordHash: 'x' });
  return {
    store,
    ingest,
    commands,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
