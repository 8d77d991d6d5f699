import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../e2e/server-process.js';
import { emailFrom } from './harness.js';
import {
  deliveryUp,
  eventually,
  ingest,
  journalFor,
  login,
  messageIds,
  openConsole,
  openSharedStore,
  startInstances,
  viewProblems,
  type ConsoleView,
  type SharedStore,
} from './multi-instance.js';
import { redisAvailability, startRedisServer, type RedisServer } from './redis-server.js';

const availability = redisAvailability();
if (!availability.available) console.warn(`[multi-instance] skipped: ${availability.reason}`);

describe.skipIf(!availability.available)('Redis killed and restarted under a stream of ingests', () => {
  let redis: RedisServer;
  let shared: SharedStore;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    redis = await startRedisServer();
    shared = await openSharedStore();
    [a, b] = (await startInstances(shared, redis.url, ['a', 'b'])) as [RunningServer, RunningServer];
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.close();
    await redis?.stop();
  });

  const accepted: string[] = [];
  /** `count` ingests alternating between the instances, `gapMs` apart. */
  async function stream(from: number, count: number, gapMs = 40): Promise<void> {
    for (let i = from; i < from + count; i++) {
      const on = i % 2 === 0 ? a : b;
      accepted.push(await ingest(on.url, emailFrom(`flux${i}@example.fr`, `Flux ${i}`)));
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  }
  const signalled = (view: ConsoleView, name: 'delivery:interrupted' | 'delivery:restored', after = 0) =>
    view.signals.find((s) => s.name === name && s.at >= after);

  it('leaves no accepted message missing or doubled in any agent view once Redis is back', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`instance A:\n${a.output()}\ninstance B:\n${b.output()}\nredis:\n${redis.output()}`));
    // Alice (on A) only catches up when told Redis is back; Bruno (on B) also polls meanwhile.
    const alice = openConsole(a.url, await login(a.url, 'agent'), { degradedPollMs: 60_000, checkpointMs: 60_000 });
    const bruno = openConsole(b.url, await login(b.url, 'colleague'), { degradedPollMs: 250, checkpointMs: 60_000 });
    const views = { alice, bruno };
    const problems = () =>
      Object.entries(views)
        .flatMap(([who, view]) => viewProblems(view, accepted).map((p) => `${who}: ${p}`))
        .join(', ');
    try {
      await eventually(() => alice.status() === 'live' && bruno.status() === 'live', 10_000, () => `${alice.status()} / ${bruno.status()}`);

      await stream(0, 6);
      await eventually(() => problems() === '', 5000, problems);

      // Redis dies (SIGKILL: no goodbye) while messages keep coming on both instances.
      const killedAt = performance.now();
      const during = stream(6, 12, 100);
      await redis.kill();
      await eventually(() => !!signalled(alice, 'delivery:interrupted') && !!signalled(bruno, 'delivery:interrupted'), 5000, () => 'no delivery:interrupted');
      const noticedMs = Math.max(...[alice, bruno].map((v) => signalled(v, 'delivery:interrupted')!.at)) - killedAt;
      await during;
      // Without Redis, Bruno's console still gets everything, from the journal.
      const pollMs = await eventually(() => viewProblems(bruno, accepted).length === 0, 5000, () => `bruno: ${viewProblems(bruno, accepted).join(', ')}`);
      // Alice heard only what A committed: what B committed waits for the restore.
      expect(viewProblems(alice, accepted).length).toBeGreaterThan(0);

      // Redis comes back (empty) on the same port, in the middle of a stream.
      const after = stream(18, 12);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const restartedAt = performance.now();
      await redis.restart();
      await eventually(
        () => !!signalled(alice, 'delivery:restored', restartedAt) && !!signalled(bruno, 'delivery:restored', restartedAt),
        10_000,
        () => 'no delivery:restored',
      );
      const restoredMs = Math.max(...[alice, bruno].map((v) => signalled(v, 'delivery:restored', restartedAt)!.at)) - restartedAt;
      // Each instance restores on its own: a console hears the first restore, but what B commits
      // reaches A's sockets live only once B's link is up too.
      const [aUpMs, bUpMs] = await deliveryUp([a.url, b.url], restartedAt);
      await after;
      const completeMs = await eventually(() => problems() === '', 10_000, problems);

      // Live again across instances, without polling (Alice never polls).
      const liveBefore = alice.applied.length;
      const id = await ingest(b.url, emailFrom('apres@example.fr', 'Après le retour de Redis'));
      await eventually(() => alice.applied.slice(liveBefore).some((x) => x.live && messageIds([x.event]).includes(id)), 10_000, () => 'no live push to alice');
      accepted.push(id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(problems()).toBe('');
      const journal = messageIds(await journalFor(shared.store, 'agent', 0));
      expect([...journal].sort()).toEqual([...accepted].sort());

      console.info(
        `[multi-instance] Redis outage: noticed by both consoles in ${Math.round(noticedMs)} ms; ` +
          `polling console complete ${Math.round(pollMs)} ms after the outage stream; ` +
          `delivery restored ${Math.round(restoredMs)} ms after Redis restarted (A up in ${Math.round(aUpMs!)} ms, B in ${Math.round(bUpMs!)} ms); ` +
          `every view complete ${Math.round(completeMs)} ms after the last ingest`,
      );
    } finally {
      alice.close();
      bruno.close();
    }
  }, 60_000);

  // A frozen Redis (SIGSTOP) keeps its connections open: only the PING watchdog tells. After the
  // thaw each instance comes back on its own schedule (its dropped connections reconnect with
  // back-off; the publisher's ready check times out and retries while Redis is still frozen), so
  // the test measures when each one is up and prints it, and only then expects live pushes.
  // The bounds only stop a hung run.
  it('notices within seconds a Redis that stops answering without closing its connections', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`instance A:\n${a.output()}\ninstance B:\n${b.output()}`));
    const alice = openConsole(a.url, await login(a.url, 'agent'), { degradedPollMs: 300, checkpointMs: 60_000 });
    // A console's first connection starts from the head: earlier messages are its REST snapshot.
    const mine: string[] = [];
    try {
      await eventually(() => alice.status() === 'live', 10_000, () => alice.status());
      await deliveryUp([a.url, b.url], performance.now());
      const frozenAt = performance.now();
      redis.freeze();
      // Only the heartbeat can tell: TCP sees nothing wrong.
      const noticedMs = await eventually(() => !!signalled(alice, 'delivery:interrupted', frozenAt), 20_000, () => 'no delivery:interrupted');
      mine.push(await ingest(b.url, emailFrom('gel@example.fr', 'Pendant le gel')));
      // Degraded: the console polls the journal, so it misses nothing meanwhile.
      const degradedMs = await eventually(() => viewProblems(alice, mine).length === 0, 20_000, () => viewProblems(alice, mine).join(', '));
      const thawedAt = performance.now();
      redis.thaw();
      const restoredMs = await eventually(() => !!signalled(alice, 'delivery:restored', thawedAt), 30_000, () => 'no delivery:restored');
      const [aUpMs, bUpMs] = await deliveryUp([a.url, b.url], thawedAt);
      const id = await ingest(b.url, emailFrom('degel@example.fr', 'Après le dégel'));
      mine.push(id);
      const liveMs = await eventually(
        () => alice.applied.some((x) => x.live && messageIds([x.event]).includes(id)),
        10_000,
        () => `no live push after the thaw (${alice.applied.some((x) => messageIds([x.event]).includes(id)) ? 'caught up from the journal' : 'not applied'})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(viewProblems(alice, mine)).toEqual([]);
      console.info(
        `[multi-instance] frozen Redis noticed in ${Math.round(noticedMs)} ms; degraded console complete in ${Math.round(degradedMs)} ms; ` +
          `after the thaw: console told ${Math.round(restoredMs)} ms, A up ${Math.round(aUpMs!)} ms, B up ${Math.round(bUpMs!)} ms; ` +
          `next push live ${Math.round(liveMs)} ms after its commit`,
      );
    } finally {
      redis.thaw();
      alice.close();
    }
  }, 60_000);
});
