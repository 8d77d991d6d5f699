import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { redisAvailability, startRedisServer, type RedisServer } from '../test/redis-server.js';
import { redisEndpoint, useRedisAdapter, type ClusterLink, type DeliveryState } from './redis-adapter.js';

describe('REDIS_URL', () => {
  it('is optional, accepts redis:// and rediss://, and is never logged with its password', () => {
    expect(loadConfig({}, []).REDIS_URL).toBeUndefined();
    expect(loadConfig({ REDIS_URL: ' ' }, []).REDIS_URL).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'rediss://u:secret@cache:6380/0' }, []).REDIS_URL).toBe('rediss://u:secret@cache:6380/0');
    expect(() => loadConfig({ REDIS_URL: 'cache:6379' }, [])).toThrow(/REDIS_URL must look like/);
    expect(redisEndpoint('rediss://u:secret@cache:6380/0')).toBe('cache:6380');
    expect(redisEndpoint('redis://cache')).toBe('cache:6379');
  });
});

const availability = redisAvailability();

describe.skipIf(!availability.available)('Redis link health', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function waitFor(link: ClusterLink, state: DeliveryState, timeoutMs: number): Promise<number> {
    const started = performance.now();
    while (link.state !== state) {
      if (performance.now() - started > timeoutMs) throw new Error(`still ${link.state} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return performance.now() - started;
  }

  it('goes down when Redis dies, up again once it is back and the subscriptions are restored', async () => {
    const io = new Server(createServer());
    const logs: string[] = [];
    const link = await useRedisAdapter(io, { url: redis.url, log: (msg) => logs.push(msg), heartbeatMs: 200, pingTimeoutMs: 200 });
    const changes: DeliveryState[] = [];
    link.onChange((s) => changes.push(s));
    try {
      expect(link.state).toBe('up');
      await link.settled();

      await redis.kill();
      await waitFor(link, 'down', 2000);
      // Nothing to wait for while down: a socket is served at once (and told to poll).
      await link.settled();
      // Subscriptions asked for meanwhile wait in the offline queue.
      io.of('/agent').adapter.addAll('sid-1', new Set(['queue:que_accueil']));

      await redis.restart();
      await waitFor(link, 'up', 3000);
      expect(changes).toEqual(['down', 'up']);
      expect(logs.some((l) => l.includes('delivery down')) && logs.some((l) => l.includes('delivery up'))).toBe(true);
      expect(logs.join('\n')).not.toContain('secret');
    } finally {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await link.close();
    }
  });

  it('notices a Redis that stops answering, and closes cleanly while it is away', async () => {
    const io = new Server(createServer());
    const link = await useRedisAdapter(io, { url: redis.url, log: () => {}, heartbeatMs: 200, pingTimeoutMs: 200 });
    try {
      expect(link.state).toBe('up');
      redis.freeze();
      const noticedMs = await waitFor(link, 'down', 2000);
      expect(noticedMs).toBeLessThan(1000);
      io.of('/agent').adapter.addAll('sid-2', new Set(['queue:que_urbanisme']));
    } finally {
      // Closing with subscriptions still queued must not reject anything unhandled.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await link.close();
      redis.thaw();
    }
  });
});
