import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AgentId, CitizenId, ConversationId, Message, MessageId, NewJournalEvent, QueueId, Viewer } from '../../shared/index.js';
import { mulberry32 } from '../demo/prng.js';
import { SearchService } from '../domain/search/search-service.js';
import { parseSearch } from '../domain/search/search-query.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// The search box at scale: BENCH_SEARCH_MESSAGES (default 1 000 000; 100 000 for a quick run)
// messages in a generated history, written as journal events through store.append in large
// batches (each one transaction: every projection, the FTS5 index included, maintained as in
// production). The SQLite file is kept in BENCH_CACHE_DIR (default .cache/bench-search) and reused
// by the next run of the same size. Then, interleaved A B A B over BENCH_ROUNDS rounds (default 5):
//   A (subject)  the search box's first page as an agent of one queue in three: SearchService
//                (query parsing, citizens by name, messages newest first within the access rule,
//                snippets and highlights, citizen names);
//   B (baseline) one raw FTS5 query on the same file: the same words, newest first, first page,
//                no access rule, ids only.
// Each query is timed once per round; min and median are printed, with the ratio of medians.

const MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5));
const CACHE = path.resolve(process.env.BENCH_CACHE_DIR ?? path.join('.cache', 'bench-search'));
const MESSAGES_PER_CONVERSATION = 8;
const CONVERSATIONS = Math.max(1, Math.ceil(MESSAGES / MESSAGES_PER_CONVERSATION));
const CITIZENS = Math.max(1, Math.floor(CONVERSATIONS / 2));
const BATCH_EVENTS = 20_000;
const PAGE = 20;
const FORMAT = 1;
const QUEUES = ['que_etat_civil', 'que_urbanisme', 'que_dechets'] as QueueId[];
const START = Date.parse('2020-01-01T07:00:00.000Z');
const SPAN_MS = 6 * 365 * 86_400_000;

// Words of a town hall's mail, drawn with a Zipf-like skew: a few are everywhere, most are rare.
const VOCABULARY = (
  'bonjour demande dossier madame monsieur merci cordialement mairie rendez-vous passeport carte identité ' +
  'acte naissance mariage décès livret famille urbanisme permis construire déclaration travaux clôture ' +
  'cantine scolaire inscription école périscolaire facture quotient familial tarif paiement prélèvement ' +
  'déchets encombrants collecte bac poubelle composteur déchetterie horaires fermeture ouverture ' +
  'stationnement voirie trottoir éclairage panne nid-de-poule signalement bruit voisinage chien ' +
  'cimetière concession columbarium funéraire élection liste électorale procuration recensement ' +
  'association subvention salle location fête marché forain logement social attestation justificatif ' +
  'domicile timbre fiscal délai urgence réclamation relance réponse courrier téléphone accueil guichet'
).split(/\s+/);
const FIRST = ['Camille', 'Hélène', 'Karim', 'Léa', 'Noé', 'Inès', 'Jules', 'Zoé', 'Mathis', 'Chloé', 'Amine', 'Océane'];
const LAST = ['Martin', 'Lefèvre', 'Haddad', 'Dubois', 'Moreau', 'Girard', 'Roux', 'Bonnet', 'Fontaine', 'Chevalier', 'Mercier', 'Blanc'];

const iso = (ms: number) => new Date(ms).toISOString();

function textOf(rnd: () => number): string {
  const length = 12 + Math.floor(rnd() * 30);
  const words: string[] = [];
  // rnd()^3 skews towards the start of the vocabulary.
  for (let i = 0; i < length; i++) words.push(VOCABULARY[Math.floor(rnd() ** 3 * VOCABULARY.length)]!);
  return words.join(' ');
}

function conversationEvents(i: number, rnd: () => number): NewJournalEvent[] {
  const conversationId = `conv_${String(i).padStart(8, '0')}` as ConversationId;
  const c = i % CITIZENS;
  const citizenId = `cit_${String(c).padStart(8, '0')}` as CitizenId;
  const queueId = QUEUES[i % QUEUES.length]!;
  const opened = START + Math.floor((i / CONVERSATIONS) * SPAN_MS);
  const displayName = `${FIRST[c % FIRST.length]} ${LAST[Math.floor(c / FIRST.length) % LAST.length]}`;
  const events: NewJournalEvent[] = [];
  const envelope = (at: number) => ({ at: iso(at), actor: { kind: 'system' as const }, citizenId, conversationId, queueId });
  if (i < CITIZENS) {
    events.push({
      type: 'citizen.created',
      at: iso(opened),
      actor: { kind: 'system' },
      citizenId,
      payload: { displayName, identities: [{ kind: 'phone', value: `+336${String(10_000_000 + c).slice(-8)}`, level: 'unverified' }] },
    });
  }
  events.push({ ...envelope(opened), type: 'conversation.opened', payload: { citizenName: displayName, queueId, channel: 'email', priority: 'normal', subject: 'Demande' } });
  for (let n = 0; n < MESSAGES_PER_CONVERSATION && i * MESSAGES_PER_CONVERSATION + n < MESSAGES; n++) {
    const inbound = n % 2 === 0;
    const at = opened + n * 3_600_000;
    const message: Message = {
      id: `msg_${String(i).padStart(8, '0')}_${n}` as MessageId,
      conversationId,
      citizenId,
      direction: inbound ? 'inbound' : 'outbound',
      channel: 'email',
      kind: 'text',
      author: inbound ? { kind: 'citizen' } : { kind: 'agent', id: 'agt_bench' as AgentId, name: 'Agent' },
      text: textOf(rnd),
      attachments: [],
      at: iso(at),
      status: inbound ? 'received' : 'sent',
    };
    events.push({ ...envelope(at), type: inbound ? 'message.received' : 'message.sent', payload: { message } } as NewJournalEvent);
  }
  return events;
}

async function buildOrReuse(dir: string): Promise<void> {
  const marker = path.join(dir, 'built.json');
  const expected = JSON.stringify({ format: FORMAT, messages: MESSAGES });
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === expected) {
    console.log(`search bench: reusing ${MESSAGES} messages from ${dir}`);
    return;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // NORMAL: a throw-away file; the bulk load is the setup, not what is measured.
  const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite'), synchronous: 'NORMAL' });
  const rnd = mulberry32(20261204);
  const started = performance.now();
  let batch: NewJournalEvent[] = [];
  let events = 0;
  try {
    for (let i = 0; i < CONVERSATIONS; i++) {
      batch.push(...conversationEvents(i, rnd));
      if (batch.length >= BATCH_EVENTS) {
        await store.append(batch);
        events += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await store.append(batch);
    events += batch.length;
  } finally {
    await store.close();
  }
  console.log(`search bench: ${MESSAGES} messages, ${CONVERSATIONS} conversations, ${CITIZENS} citizens (${events} journal events) appended in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await writeFile(marker, expected);
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const dir = path.join(CACHE, String(MESSAGES));
  await buildOrReuse(dir);
  const file = path.join(dir, 'guichet.sqlite');
  const store = await openSqliteStore({ file, synchronous: 'NORMAL' });
  const raw = new Database(file, { readonly: true });
  try {
    const search = new SearchService(store);
    const agent: Viewer = { id: 'agt_bench' as AgentId, role: 'agent', queueIds: [QUEUES[0]!] };
    const fts = raw.prepare<[string, number], { id: string }>(
      `SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid WHERE messages_fts MATCH ? ORDER BY m.at DESC, m.id DESC LIMIT ?`,
    );
    // A common word, a rarer one, and two words together.
    const queries = ['dossier', 'columbarium', 'cantine facture'];
    for (const q of queries) {
      const match = parseSearch(q).words.map((w) => `"${w}"`).join(' ');
      const a: number[] = [];
      const b: number[] = [];
      let hits = 0;
      let matches = 0;
      for (let round = 0; round < ROUNDS; round++) {
        let t = performance.now();
        const page = await search.search(agent, { q });
        a.push(performance.now() - t);
        hits = page.messages.length;
        t = performance.now();
        const baseline = fts.all(match, PAGE);
        b.push(performance.now() - t);
        matches = baseline.length;
      }
      const total = (raw.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(match)?.n ?? 0);
      console.log(
        `search "${q}" (${total} matching messages of ${MESSAGES}; first page ${hits} hits for an agent of 1 queue in 3, ${matches} raw): ` +
          `subject min ${Math.min(...a).toFixed(1)} ms median ${median(a).toFixed(1)} ms; ` +
          `baseline (one raw FTS5 query) min ${Math.min(...b).toFixed(1)} ms median ${median(b).toFixed(1)} ms; ` +
          `ratio ${(median(a) / median(b)).toFixed(2)}× (${ROUNDS} rounds, interleaved)`,
      );
    }
  } finally {
    raw.close();
    await store.close();
  }
}

await main();
