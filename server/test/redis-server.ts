import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server';
export const REDIS_INSTALL_HINT = 'sudo apt-get install redis-server';

/**
 * Whether tests that need Redis can run. Without redis-server they are skipped with the reason on
 * a developer machine; CI must not pass silently without them.
 */
export function redisAvailability(): { available: true } | { available: false; reason: string } {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && /v=(\d+)/.exec(probe.stdout)) {
    const major = Number(/v=(\d+)/.exec(probe.stdout)![1]);
    // Sharded pub/sub (SPUBLISH) arrived in Redis 7.
    if (major >= 7) return { available: true };
  }
  const reason = probe.status === 0
    ? `${REDIS_SERVER} is older than Redis 7 (no sharded pub/sub): ${probe.stdout.trim()}`
    : `${REDIS_SERVER} not found; install it with: ${REDIS_INSTALL_HINT}`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason} (CI=true: the multi-instance tests may not be skipped)`);
  }
  return { available: false, reason };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One PING over a raw connection: true once the server answers +PONG. */
function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Output of the current process, for failure messages. */
  output(): string;
  /** SIGKILL, as a crash would: no goodbye to the clients. */
  kill(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers, as on a dead network link. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Starts it again on the same port (empty: nothing is persisted). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throw-away redis-server on 127.0.0.1 and a free port, without persistence, for one test file.
 * Resolves once it answers PING.
 */
export async function startRedisServer(timeoutMs = 10_000): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';

  async function launch(): Promise<void> {
    output = '';
    const proc = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}:\n${output}`);
      if (await pingOnce(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    proc.kill('SIGKILL');
    throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms:\n${output}`);
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, 'exit');
    // A frozen server would hold SIGTERM until it is thawed.
    if (signal !== 'SIGKILL') proc.kill('SIGCONT');
    proc.kill(signal);
    await exited;
  }

  // A test runner that dies must not leave a server behind.
  const onExit = () => void child?.kill('SIGKILL');
  process.once('exit', onExit);
  await launch().catch((err: unknown) => {
    process.off('exit', onExit);
    throw err;
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    output: () => output,
    kill: () => end('SIGKILL'),
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async restart() {
      await end('SIGKILL');
      await launch();
    },
    async stop() {
      process.off('exit', onExit);
      await end('SIGTERM');
    },
  };
}
