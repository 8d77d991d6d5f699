import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import type { Server } from 'socket.io';

/**
 * Whether room broadcasts of this instance reach the other instances' sockets and theirs reach
 * ours: 'up' only while both Redis connections are ready and the subscriptions are restored.
 */
export type DeliveryState = 'up' | 'down';

/** What the gateway needs to know of the cross-instance link (absent on a single instance). */
export interface ClusterLink {
  readonly state: DeliveryState;
  /**
   * Resolves once Redis has processed every subscription asked for so far, so that a socket that
   * just joined its rooms hears every broadcast published from now on. Resolves at once when down.
   */
  settled(): Promise<void>;
  onChange(listener: (state: DeliveryState) => void): () => void;
  close(): Promise<void>;
}

export interface RedisAdapterOptions {
  url: string;
  log: (msg: string, err?: unknown) => void;
  /** How often each connection is pinged: a silent network failure must not look like a quiet floor. */
  heartbeatMs?: number;
  /** How long a ping may take before the connection is dropped and re-opened. */
  pingTimeoutMs?: number;
  /** How long start-up waits for Redis before running degraded (clients then poll the journal). */
  startupWaitMs?: number;
}

/** host:port only: REDIS_URL may carry a password. */
export function redisEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'an unparsable REDIS_URL';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * The adapter fires (un)subscribe commands without handling their promise. While Redis is away
 * they wait in the offline queue, and closing the client rejects them: without a handler each
 * would be an unhandled rejection, which ends a Node process.
 */
function handleSubscriptionRejections(client: Redis, log: RedisAdapterOptions['log']): void {
  for (const name of ['ssubscribe', 'sunsubscribe'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    const guarded = (...args: unknown[]): Promise<unknown> => {
      const result = original(...args);
      result.catch((err: unknown) => log(`redis ${name} not applied`, err));
      return result;
    };
    (client as unknown as Record<string, unknown>)[name] = guarded;
  }
}

/**
 * Installs `@socket.io/redis-adapter` in sharded mode (SPUBLISH/SSUBSCRIBE, Redis >= 7) on `io`,
 * over two ioredis connections, and watches them.
 *
 * Delivery rules:
 * - The gateway emits only the events this instance committed (its local bus); the adapter
 *   delivers them to local sockets and publishes them once for the others, which deliver them to
 *   their own sockets only and never re-publish. So a socket hears each event once.
 * - Redis pub/sub is at-most-once: what is published while a subscriber is cut off is lost. The
 *   gap is closed by the journal, never by Redis: on 'down' and on 'up' the gateway tells sockets
 *   to run `journal:catch-up`, which reads the store.
 */
export async function useRedisAdapter(io: Server, options: RedisAdapterOptions): Promise<ClusterLink> {
  const { url, log } = options;
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  const endpoint = redisEndpoint(url);

  // Reconnect quickly: delivery resumes within about a second of Redis coming back.
  const base: RedisOptions = {
    lazyConnect: true,
    retryStrategy: (attempt: number) => Math.min(100 * attempt, 1000),
    // A peer that stopped answering never acknowledges our FIN: destroy the socket soon after.
    disconnectTimeout: 500,
  };
  const pub = new Redis(url, {
    ...base,
    connectionName: 'guichet-pub',
    // The adapter awaits a publish before delivering to its own sockets: with an offline queue a
    // Redis outage would also hold back local pushes. Fail fast instead; catch-up fills the gap.
    enableOfflineQueue: false,
    // A publish re-sent after a dropped connection may be delivered twice.
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    // A hung Redis must not hold back local delivery for long either.
    commandTimeout: pingTimeoutMs,
  });
  const sub = new Redis(url, {
    ...base,
    connectionName: 'guichet-sub',
    // Subscriptions asked for while Redis is away are applied when it is back (with the ones
    // ioredis restores by itself).
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResubscribe: true,
  });
  handleSubscriptionRejections(sub, log);

  let state: DeliveryState = 'down';
  // Connections whose ping failed: down at once, though their socket has not closed yet.
  const suspect = new Set<Redis>();
  // Bumped whenever the subscriber connection changes, so a ping answered on an older connection
  // cannot vouch for the current one.
  let subEpoch = 0;
  let subConfirmed = false;
  const listeners = new Set<(state: DeliveryState) => void>();
  let lastError = '';

  const evaluate = () => {
    const ready = (client: Redis) => client.status === 'ready' && !suspect.has(client);
    const next: DeliveryState = ready(pub) && ready(sub) && subConfirmed ? 'up' : 'down';
    if (next === state) return;
    state = next;
    lastError = '';
    log(next === 'up' ? `redis ${endpoint}: cross-instance delivery up` : `redis ${endpoint}: cross-instance delivery down`);
    for (const listener of listeners) listener(next);
  };

  const drop = (client: Redis, why: string, err: unknown) => {
    log(`redis ${client === pub ? 'publisher' : 'subscriber'} ${why}; reconnecting: ${err instanceof Error ? err.message : String(err)}`);
    suspect.add(client);
    evaluate();
    client.disconnect(true);
  };

  // ioredis re-sends the subscriptions before it emits 'ready'; a PING queued behind them is
  // answered only once Redis has applied them all.
  const confirmSubscriptions = () => {
    suspect.delete(sub);
    const epoch = ++subEpoch;
    subConfirmed = false;
    withTimeout(sub.ping(), pingTimeoutMs, 'redis subscriber ping').then(
      () => {
        if (epoch !== subEpoch || sub.status !== 'ready') return;
        subConfirmed = true;
        evaluate();
      },
      (err: unknown) => {
        if (epoch === subEpoch) drop(sub, 'did not confirm its subscriptions', err);
      },
    );
  };

  const onError = (which: string) => (err: Error) => {
    // ioredis reports every failed reconnect attempt: one line per cause is enough.
    if (err.message === lastError) return;
    lastError = err.message;
    log(`redis ${which} (${endpoint}): ${err.message}`);
  };
  pub.on('error', onError('publisher'));
  sub.on('error', onError('subscriber'));
  pub.on('ready', () => {
    suspect.delete(pub);
    evaluate();
  });
  pub.on('close', evaluate);
  sub.on('ready', confirmSubscriptions);
  sub.on('close', () => {
    subEpoch++;
    subConfirmed = false;
    evaluate();
  });

  io.adapter(createShardedAdapter(pub, sub, { subscriptionMode: 'dynamic' }));

  // Both connections are pinged: a connection that stays "ready" on a dead network (no RST) would
  // otherwise leave sockets open and silent until TCP gives up, minutes later.
  const pinging = new Set<Redis>();
  const heartbeat = setInterval(() => {
    for (const client of [pub, sub]) {
      if (client.status !== 'ready' || suspect.has(client) || pinging.has(client)) continue;
      if (client === sub && !subConfirmed) continue;
      const epoch = subEpoch;
      pinging.add(client);
      withTimeout(client.ping(), pingTimeoutMs, 'ping')
        .catch((err: unknown) => {
          if (client === pub || epoch === subEpoch) drop(client, 'did not answer a ping', err);
        })
        .finally(() => pinging.delete(client));
    }
  }, heartbeatMs);
  heartbeat.unref();

  const up = new Promise<void>((resolve) => {
    const check = (s: DeliveryState) => {
      if (s !== 'up') return;
      listeners.delete(check);
      resolve();
    };
    listeners.add(check);
  });
  pub.connect().catch(() => {});
  sub.connect().catch(() => {});
  const startupWaitMs = options.startupWaitMs ?? 5000;
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([up, new Promise<void>((resolve) => (waited = setTimeout(resolve, startupWaitMs)))]);
  clearTimeout(waited);
  if (state === 'down') log(`redis ${endpoint} unreachable at start-up: running degraded, sockets poll the journal until it answers`);

  return {
    get state() {
      return state;
    },
    async settled() {
      if (state === 'down') return;
      await withTimeout(sub.ping(), pingTimeoutMs, 'redis subscriber ping').catch(() => {});
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(heartbeat);
      listeners.clear();
      // QUIT is queued behind the adapter's last unsubscribes; a dead link is just dropped.
      await Promise.all(
        [pub, sub].map(async (client) => {
          if (client.status !== 'ready') return client.disconnect();
          await withTimeout(client.quit(), pingTimeoutMs, 'redis quit').catch(() => client.disconnect());
        }),
      );
    },
  };
}
