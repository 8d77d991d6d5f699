import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { io as connect } from 'socket.io-client';
import { startServerProcess, type RunningServer } from '../../e2e/server-process.js';
import { connectionStatusChanged, journalEventReceived, realtimeConnect, realtimeDisconnect } from '../../client/realtime/actions.js';
import { createRealtime, type AgentSocket as ConsoleSocket, type RealtimeOptions } from '../../client/realtime/realtime.js';
import { PUSH_FOR_EVENT, type CatchUpResult, type InboundMessage, type JournalEvent, type PushEventName } from '../../shared/index.js';
import type { Store } from '../domain/ports.js';
import { openMongoStore } from '../store/mongo/mongo-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { freshMongoUri, INGEST_KEY, PASSWORD, seedDirectory, STAFF, type AgentSocket, type StaffKey } from './harness.js';

// Several Guichet processes over one store and one Redis, driven over HTTP and sockets only, as a
// deployment behind a load balancer would be.

export interface SharedStore {
  kind: 'mongodb' | 'sqlite';
  /** The test's own handle on the store the processes share: the journal to compare with. */
  store: Store;
  /** Environment of each process; `name` keeps their private files apart where they may be. */
  envFor(name: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}


/**
 * MongoDB when MONGODB_URI is set (a fresh database per call), else one SQLite file in WAL mode
 * that every process opens (same DATA_DIR): appends serialise on the file lock.
 */
export async function openSharedStore(): Promise<SharedStore> {
  const dirs: string[] = [];
  const tempDir = async (name: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `guichet-mi-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const removeDirs = () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  const mongoBase = process.env.MONGODB_URI;

  if (mongoBase) {
    const uri = freshMongoUri(mongoBase);
    const store = await openMongoStore({ uri });
    await seedDirectory(store);
    return {
      kind: 'mongodb',
      store,
      envFor: async (name) => ({ MONGODB_URI: uri, DATA_DIR: await tempDir(name) }),
      async close() {
        await store.close();
        const { default: mongoose } = await import('mongoose');
        const conn = await mongoose.createConnection(uri).asPromise();
        await conn.dropDatabase().catch(() => {});
        await conn.close();
        await removeDirs();
      },
    };
  }

  const dir = await tempDir('shared');
  const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
  await seedDirectory(store);
  return {
    kind: 'sqlite',
    store,
    envFor: async () => ({ DATA_DIR: dir }),
    async close() {
      await store.close();
      await removeDirs();
    },
  };
}

/** Starts `server/main.ts` once per name, one after the other (no race on first-start setup). */
export async function startInstances(shared: SharedStore, redisUrl: string, names: string[], extraEnv: Record<string, string> = {}): Promise<RunningServer[]> {
  const started: RunningServer[] = [];
  try {
    for (const name of names) {
      const env = {
        ...(await shared.envFor(name)),
        INGEST_API_KEY: INGEST_KEY,
        REDIS_URL: redisUrl,
        HOST: '127.0.0.1',
        STATIC_DIR: path.join(os.tmpdir(), 'guichet-no-console'),
        LOGIN_RATE_LIMIT: '1000',
        ...extraEnv,
      };
      const server = await startServerProcess(env, ['--no-demo']);
      started.push(server);
      // Two processes on two private SQLite files would each pass alone and fail together, obscurely.
      if (shared.kind === 'mongodb' && /store: SQLite/.test(server.output())) {
        throw new Error(`MONGODB_URI is set but server/main.ts opened SQLite:\n${server.output()}`);
      }
    }
    return started;
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
}

export async function login(baseUrl: string, who: StaffKey): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: STAFF[who].email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${who}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** POST /api/inbound; resolves with the message id once the instance committed it. */
export async function ingest(baseUrl: string, message: InboundMessage): Promise<string> {
  const res = await fetch(`${baseUrl}/api/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
    body: JSON.stringify(message),
  });
  if (res.status !== 201) throw new Error(`inbound on ${baseUrl}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { messageId: string }).messageId;
}

/** A raw agent socket (no reconnection), ready once session:ready arrived. */
export async function agentSocket(baseUrl: string, token: string): Promise<AgentSocket & { headSeq: number }> {
  const socket: AgentSocket = connect(`${baseUrl}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const headSeq = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no session:ready from ${baseUrl}`)), 10_000);
    socket.once('session:ready', (info) => {
      clearTimeout(timer);
      resolve(info.headSeq);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return Object.assign(socket, { headSeq });
}

/** Every push a socket receives, in arrival order. */
export function recordPushes(socket: AgentSocket): JournalEvent[] {
  const seen: JournalEvent[] = [];
  for (const name of Object.values(PUSH_FOR_EVENT) as PushEventName[]) {
    (socket as unknown as { on(n: string, fn: (e: JournalEvent) => void): void }).on(name, (event) => seen.push(event));
  }
  return seen;
}

/** All of `journal:catch-up` after `afterSeq`, page by page. */
export async function catchUpAll(socket: AgentSocket, afterSeq: number, limit: number): Promise<JournalEvent[]> {
  const all: JournalEvent[] = [];
  let from = afterSeq;
  for (let pages = 0; pages < 1000; pages++) {
    const res = await socket.timeout(5000).emitWithAck('journal:catch-up', { afterSeq: from, limit });
    if (!res.ok) throw new Error(res.error.message);
    const page: CatchUpResult = res.data;
    all.push(...page.events);
    if (!page.more) return all;
    from = page.events.at(-1)!.seq;
  }
  throw new Error('catch-up did not end within 1000 pages');
}

/** The journal as an agent sees it (the gateway's catch-up filter), straight from the store. */
export async function journalFor(store: Store, who: StaffKey, afterSeq: number): Promise<JournalEvent[]> {
  const staff = STAFF[who];
  const scoped = staff.role === 'agent' ? { queueIds: staff.queueIds, assigneeId: staff.id } : {};
  return store.readJournal({ afterSeq, limit: 100_000, ...scoped });
}

export const messageIds = (events: readonly JournalEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'message.received' ? [e.payload.message.id as string] : []));

/** Polls until `check` holds; the last failure explains a timeout. */
export async function eventually(check: () => boolean, timeoutMs: number, what: () => string): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

/** This instance's cross-instance delivery as its /readyz reports it. */
export async function deliveryOf(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/readyz`);
  return ((await res.json()) as { delivery?: string }).delivery ?? 'none';
}

/**
 * Waits until every instance says its Redis delivery is up; resolves with how long each took
 * (ms since `since`). Measured, not raced: the bound only stops a hung run.
 */
export async function deliveryUp(urls: readonly string[], since: number, timeoutMs = 30_000): Promise<number[]> {
  return Promise.all(
    urls.map(async (url) => {
      for (;;) {
        if ((await deliveryOf(url)) === 'up') return performance.now() - since;
        if (performance.now() - since > timeoutMs) throw new Error(`${url}: delivery still down ${timeoutMs} ms later`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
}

/** What a console's Redux store was given, and when. */
export interface ConsoleView {
  /** Each journal event the console applied, in order (a duplicate would show twice). */
  readonly applied: { event: JournalEvent; live: boolean }[];
  readonly status: () => string;
  /** Server signals, with the time they arrived (performance.now()). */
  readonly signals: { name: 'delivery:interrupted' | 'delivery:restored'; at: number }[];
  /** How many sockets the console opened or re-opened (reconnects included). */
  readonly connects: () => number;
  close(): void;
}

/**
 * The console's own realtime layer (client/realtime: middleware, catch-up transition, JournalSync) in a Redux
 * store, over a real socket.io client with fast reconnection.
 */
export function openConsole(baseUrl: string, token: string, options: RealtimeOptions = {}): ConsoleView {
  const applied: ConsoleView['applied'] = [];
  const signals: ConsoleView['signals'] = [];
  let status = 'idle';
  let connects = 0;
  const realtime = createRealtime({
    ...options,
    connect: (t) => {
      const socket: ConsoleSocket = connect(`${baseUrl}/agent`, {
        auth: { token: t },
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
      });
      socket.on('connect', () => connects++);
      socket.on('delivery:interrupted', () => signals.push({ name: 'delivery:interrupted', at: performance.now() }));
      socket.on('delivery:restored', () => signals.push({ name: 'delivery:restored', at: performance.now() }));
      return socket;
    },
  });
  const store = configureStore({
    reducer: (state: null = null, action: UnknownAction) => {
      if (journalEventReceived.match(action)) applied.push({ event: action.payload, live: action.meta.live });
      if (connectionStatusChanged.match(action)) status = action.payload;
      return state;
    },
    middleware: (gdm) => gdm({ serializableCheck: false, immutableCheck: false }).concat(realtime.middleware),
  });
  store.dispatch(realtimeConnect({ token }));
  return {
    applied,
    signals,
    status: () => status,
    connects: () => connects,
    close: () => {
      store.dispatch(realtimeDisconnect());
    },
  };
}

/** Message id -> how many times the console applied its `message.received`. */
export function viewCounts(view: ConsoleView): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of messageIds(view.applied.map((a) => a.event))) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** What is missing from or doubled in a console's view, given the accepted message ids. */
export function viewProblems(view: ConsoleView, accepted: readonly string[]): string[] {
  const counts = viewCounts(view);
  const problems = accepted.filter((id) => !counts.has(id)).map((id) => `missing ${id}`);
  for (const [id, n] of counts) if (n > 1) problems.push(`${id} applied ${n} times`);
  const seqs = view.applied.map((a) => a.event.seq);
  if (new Set(seqs).size !== seqs.length) problems.push('an event applied twice');
  return problems;
}
