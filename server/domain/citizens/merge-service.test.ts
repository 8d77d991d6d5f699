import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, AgentId, CitizenId, InboundMessage, QueueId } from '../../../shared/index.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { DomainError } from '../errors.js';
import { IngestService } from '../ingest.js';
import { systemClock, type Store } from '../ports.js';
import { CitizenMergeService } from './merge-service.js';

// The merge service over a real SQLite store, with records filed by the real ingest pipeline.

const ETAT_CIVIL = 'que_etat_civil' as QueueId;
const URBANISME = 'que_urbanisme' as QueueId;
const QUEUES = [
  { id: ETAT_CIVIL, keywords: [], isDefault: true },
  { id: URBANISME, keywords: ['permis'], isDefault: false },
];
const agent = (id: string, role: Agent['role'], queueIds: QueueId[]): Agent => ({ id: id as AgentId, email: `${id}@mairie.test`, displayName: id, role, queueIds });
const LEA = agent('agt_lea', 'agent', [ETAT_CIVIL]);
const OUTSIDER = agent('agt_karim', 'agent', [URBANISME]);
const SUPERVISOR = agent('agt_sup', 'supervisor', []);

let dir: string;
let store: Store;
let ingest: IngestService;
let merges: CitizenMergeService;
let n = 0;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-merge-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  const bus = new LocalEventBus();
  ingest = new IngestService({ store, bus, clock: systemClock, queueRules: { queues: QUEUES }, sanitizeHtml: (h) => h });
  merges = new CitizenMergeService({ store, bus, clock: systemClock });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function file(from: InboundMessage['from'], channel: InboundMessage['channel'], text: string): Promise<CitizenId> {
  const result = await ingest.ingest({ channel, externalId: `ext-${++n}`, from, text });
  if (result.status !== 'accepted') throw new Error('not filed');
  return result.message.citizenId;
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof DomainError ? [err.code, err.reason] : [String(err)];
  }
  return ['no error'];
};

describe('CitizenMergeService', () => {
  let byEmail: CitizenId;
  let byMessenger: CitizenId;
  beforeEach(async () => {
    byEmail = await file({ kind: 'email', value: 'jean.dupont@example.fr', displayName: 'Jean Dupont', level: 'channel' }, 'email', 'Bonjour, un acte de naissance svp.\n\nJean Dupont\n06 12 34 56 78');
    byMessenger = await file({ kind: 'messenger', value: 'psid-jean', displayName: 'Jean Dupont', level: 'channel' }, 'messenger', 'vous pouvez répondre à jean.dupont@example.fr');
  });

  it('proposes the pair with its reason, merges it, files what comes next under the survivor, and a supervisor undoes it', async () => {
    const suggestions = await merges.suggestions(LEA, byEmail);
    expect(suggestions.map((s) => [s.citizen.id, s.reasons])).toEqual([[byMessenger, ['same_email']]]);

    const survivor = await merges.merge(LEA, { survivorId: byEmail, mergedId: byMessenger, reason: 'même adresse', suggested: ['same_email'] });
    expect(survivor.identities.map((i) => i.kind)).toEqual(['email', 'messenger']);
    expect((await store.getCitizen(byMessenger))?.mergedInto).toBe(byEmail);
    expect((await store.timeline(byEmail, { limit: 10 })).items).toHaveLength(2);

    // After the merge, a Messenger message files under the survivor.
    const next = await file({ kind: 'messenger', value: 'psid-jean', level: 'channel' }, 'messenger', 'merci');
    expect(next).toBe(byEmail);

    expect(await refusal(merges.unmerge(LEA, { mergedId: byMessenger, reason: 'erreur' }))).toEqual(['forbidden', 'supervisor_only']);
    const back = await merges.unmerge(SUPERVISOR, { mergedId: byMessenger, reason: 'erreur' });
    expect(back).toMatchObject({ id: byMessenger, mergedInto: null, identities: [{ kind: 'messenger', value: 'psid-jean' }] });
    expect((await store.timeline(byMessenger, { limit: 10 })).items.map((m) => m.text)).toEqual(['vous pouvez répondre à jean.dupont@example.fr', 'merci']);
    expect((await store.findCitizenByIdentity('messenger', 'psid-jean'))?.id).toBe(byMessenger);

    const history = await merges.history(SUPERVISOR, byEmail);
    expect(history.map((h) => [h.type, h.by, h.undone])).toEqual([
      ['citizen.unmerged', 'agt_sup', undefined],
      ['citizen.merged', 'agt_lea', true],
    ]);
  });

  it('refuses an agent outside the records’ queues, changing nothing', async () => {
    const head = await store.headSeq();
    expect(await refusal(merges.merge(OUTSIDER, { survivorId: byEmail, mergedId: byMessenger, reason: 'x' }))).toEqual(['not_found', undefined]);
    expect(await refusal(merges.suggestions(OUTSIDER, byEmail))).toEqual(['not_found', undefined]);
    expect(await store.headSeq()).toBe(head);
  });

  it('lets one of two agents merging the same pair at once win; the other is told it is merged already', async () => {
    const other = agent('agt_paul', 'agent', [ETAT_CIVIL]);
    const results = await Promise.allSettled([
      merges.merge(LEA, { survivorId: byEmail, mergedId: byMessenger, reason: 'a' }),
      merges.merge(other, { survivorId: byEmail, mergedId: byMessenger, reason: 'b' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'conflict', reason: 'already_merged' });
    expect((await store.readJournal({ afterSeq: 0, limit: 100 })).filter((e) => e.type === 'citizen.merged')).toHaveLength(1);
  });

  it('does not propose a dismissed pair again, either way round', async () => {
    await merges.dismiss(LEA, byMessenger, byEmail);
    expect(await merges.suggestions(LEA, byEmail)).toEqual([]);
    expect(await merges.suggestions(LEA, byMessenger)).toEqual([]);
  });

  it('finds a caller whose number another record wrote in a signature', async () => {
    const caller = await file({ kind: 'phone', value: '+33612345678', level: 'channel' }, 'phone', 'Appel reçu');
    const found = await merges.suggestions(LEA, caller);
    expect(found.map((s) => [s.citizen.id, s.reasons])).toEqual([[byEmail, ['same_phone']]]);
  });
});
