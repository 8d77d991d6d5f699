import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import mongoose from 'mongoose';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  AgentId,
  ClientToServerEvents,
  InboundMessage,
  JournalEvent,
  Queue,
  QueueId,
  Role,
  ServerToClientEvents,
  SessionInfo,
} from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import type { ChannelModule } from '../channels/channel-module.js';
import type { Clock, Store } from '../domain/ports.js';
import { businessMeasure } from '../domain/reports/business-measure.js';
import { CalendarSet } from '../domain/routing-setup/live-setup.js';
import { createGuichet, type Guichet, type GuichetOptions, type RoutingOptions } from '../guichet-server.js';
import { openMongoStore } from '../store/mongo/mongo-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const PASSWORD = 'correct horse battery';
export const INGEST_KEY = 'test-ingest-key-0123456789';
export const QUEUES = { accueil: 'que_accueil' as QueueId, urbanisme: 'que_urbanisme' as QueueId };

export const STAFF = {
  agent: { id: 'agt_alice' as AgentId, email: 'alice@mairie.test', role: 'agent' as Role, queueIds: [QUEUES.accueil] },
  colleague: { id: 'agt_bruno' as AgentId, email: 'bruno@mairie.test', role: 'agent' as Role, queueIds: [QUEUES.accueil] },
  outsider: { id: 'agt_chloe' as AgentId, email: 'chloe@mairie.test', role: 'agent' as Role, queueIds: [QUEUES.urbanisme] },
  supervisor: { id: 'agt_sarah' as AgentId, email: 'sarah@mairie.test', role: 'supervisor' as Role, queueIds: [] },
  trainer: { id: 'agt_tom' as AgentId, email: 'tom@mairie.test', role: 'trainer' as Role, queueIds: [] },
  trainee: { id: 'agt_ugo' as AgentId, email: 'ugo@mairie.test', role: 'trainee' as Role, queueIds: [] },
};
export type StaffKey = keyof typeof STAFF;

export interface Harness {
  url: string;
  store: Store;
  guichet: Guichet;
  dir: string;
  login(who: StaffKey): Promise<SessionInfo & { cookie: string }>;
  socket(who: StaffKey): Promise<AgentSocket>;
  inbound(message: InboundMessage, key?: string): Promise<Response>;
  close(): Promise<void>;
}

let passwordHash: Promise<string> | undefined;

/** The test queues and STAFF (password PASSWORD), in any store. */
export async function seedDirectory(store: Store): Promise<void> {
  await store.saveQueue({ id: QUEUES.accueil, name: 'Accueil', description: '', keywords: [], isDefault: true });
  await store.saveQueue({ id: QUEUES.urbanisme, name: 'Urbanisme', description: '', keywords: ['permis de construire'], isDefault: false });
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  for (const s of Object.values(STAFF)) {
    await store.saveAgent({ ...s, displayName: s.email.split('@')[0]!, passwordHash: hash });
  }
}

export interface HarnessOptions {
  loginLimit?: number;
  /** Channel modules to plug in, built once the temp folder and the store exist. */
  channels?: (ctx: { dir: string; store: Store }) => readonly ChannelModule[];
  /** Satisfaction surveys, off unless given. */
  surveys?: GuichetOptions['surveys'];
  /** A moved clock, for figures that depend on business hours. */
  clock?: Clock;
  /** Routing options; their calendars also measure the reporting projection, as main.ts does. */
  routing?: RoutingOptions;
  /** Queues saved after the directory (routing rules, service levels), before the server reads them. */
  queues?: readonly Queue[];
  /** TRUST_PROXY, for the tests of forwarded headers. */
  trustProxy?: string;
  /** Where staff one-time links go (tests read them there). */
  staffMailer?: GuichetOptions['staffMailer'];
  /** Single sign-on through a provider the test runs. */
  sso?: GuichetOptions['sso'];
  /** A built console to serve (none unless given). */
  staticDir?: string;
  /** `mongo`: a fresh database on MONGODB_URI's server (dropped on close) instead of a SQLite file. */
  storeKind?: 'sqlite' | 'mongo';
}

/** `mongodb://host:port/db?x` with a fresh database name: tests never see each other's data. */
export function freshMongoUri(base: string): string {
  const url = new URL(base);
  url.pathname = `/guichet_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

async function openTestStore(dir: string, options: HarnessOptions): Promise<{ store: Store; drop(): Promise<void> }> {
  const calendars = options.routing?.calendars;
  const measure = options.routing ? { measureMinutes: businessMeasure(calendars instanceof CalendarSet ? () => calendars.get() : (calendars ?? [])) } : {};
  if (options.storeKind === 'mongo') {
    const base = process.env.MONGODB_URI;
    if (!base) throw new Error('storeKind mongo needs MONGODB_URI');
    const uri = freshMongoUri(base);
    const store = await openMongoStore({ uri, ...measure, ...(options.clock ? { clock: options.clock } : {}) });
    return {
      store,
      async drop() {
        const conn = await mongoose.createConnection(uri).asPromise();
        await conn.dropDatabase();
        await conn.close();
      },
    };
  }
  const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite'), ...measure, ...(options.clock ? { clock: options.clock } : {}) });
  return { store, drop: async () => {} };
}

/** A real Guichet on an ephemeral port over a real SQLite file in a temp folder. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-test-'));
  const { store, drop } = await openTestStore(dir, options);
  await seedDirectory(store);
  for (const queue of options.queues ?? []) await store.saveQueue(queue);
  const guichet = await createGuichet({
    store,
    ingestApiKey: INGEST_KEY,
    staticDir: options.staticDir ?? path.join(dir, 'no-console'),
    sessionTtlMs: 3_600_000,
    loginLimit: options.loginLimit ?? 1000,
    loginWindowMs: 60_000,
    log: () => {},
    ...(options.channels ? { channels: options.channels({ dir, store }) } : {}),
    ...(options.surveys ? { surveys: options.surveys } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.routing ? { routing: options.routing } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.staffMailer ? { staffMailer: options.staffMailer } : {}),
    ...(options.sso ? { sso: options.sso } : {}),
  });
  const url = await guichet.listen(0);
  const sockets: AgentSocket[] = [];

  const login: Harness['login'] = async (who) => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: STAFF[who].email, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${who}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return { ...((await res.json()) as SessionInfo), cookie };
  };

  return {
    url,
    store,
    guichet,
    dir,
    login,
    async socket(who) {
      const { token } = await login(who);
      const socket: AgentSocket = connect(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('session:ready', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    inbound(message, key = INGEST_KEY) {
      return fetch(`${url}/api/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(message),
      });
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await guichet.close();
      await store.close();
      await drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
export function emailFrom(address: string, text = 'Bonjour, je voudrais un acte de naissance.'): InboundMessage {
  counter += 1;
  return {
    channel: 'email',
    externalId: `<test-${process.pid}-${Date.now()}-${counter}@mail.test>`,
    from: { kind: 'email', value: address, displayName: 'Jeanne Dupont' },
    subject: 'Demande',
    text,
  };
}

/** Resolves with the next push of that name matching the predicate. */
export function nextPush<E extends keyof ServerToClientEvents>(
  socket: AgentSocket,
  name: E,
  match: (event: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, listener as never);
      reject(new Error(`no ${String(name)} push within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(event)) return;
      clearTimeout(timer);
      socket.off(name, listener as never);
      resolve(event);
    };
    socket.on(name, listener as never);
  });
}

/** Every event a socket's catch-up serves after `afterSeq`, page after page. */
export async function catchUpAll(socket: AgentSocket, afterSeq: number, limit = 50): Promise<JournalEvent[]> {
  const all: JournalEvent[] = [];
  for (let from = afterSeq; ; ) {
    const res = await socket.timeout(5000).emitWithAck('journal:catch-up', { afterSeq: from, limit });
    if (!res.ok) throw new Error(res.error.message);
    all.push(...res.data.events);
    if (!res.data.more) return all;
    from = res.data.events.at(-1)!.seq;
  }
}
