import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
export const DOVECOT_INSTALL_HINT = 'sudo apt-get install dovecot-imapd';
const TEMPLATE = new URL('../../tools/dovecot/dovecot.conf.template', import.meta.url);

/**
 * Whether the IMAP tests can run. Without Dovecot they are skipped with the reason on a
 * developer machine, but CI must not pass silently without them (same rule as e2e/browser.ts).
 */
export function dovecotAvailability(): { available: true } | { available: false; reason: string } {
  if (existsSync(DOVECOT)) return { available: true };
  const reason = `Dovecot not found at ${DOVECOT}; install it with: ${DOVECOT_INSTALL_HINT}`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason} (CI=true: the IMAP tests may not be skipped)`);
  }
  return { available: false, reason };
}

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/INBOX */
  url: string;
  /** Puts a raw message into a mailbox (INBOX by default) over IMAP, as a delivery would; returns its UID. */
  deliver(raw: string | Buffer, mailbox?: string): Promise<number>;
  /** Runs IMAP commands as the mailbox user (create or delete folders…). */
  withClient<T>(run: (client: ImapFlow) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function idOf(name: string): Promise<{ uid: number; gid: number }> {
  // The package creates these system accounts; read them rather than shelling out to `id`.
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} account: is dovecot-core installed?`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a private Dovecot in the foreground (we own its pid) with one mailbox user. */
export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-dovecot-'));
  const port = await freePort();
  const user = 'mairie';
  const password = 'imap-test-secret';
  const asRoot = process.getuid?.() === 0;
  const me = os.userInfo();
  const mailOwner = asRoot ? await idOf('dovecot') : { uid: me.uid, gid: me.gid };
  const group = asRoot ? 'dovecot' : (await readFile('/etc/group', 'utf8')).split('\n').find((l) => l.split(':')[2] === String(me.gid))?.split(':')[0] ?? me.username;
  const config = (await readFile(TEMPLATE, 'utf8'))
    .replaceAll('@DIR@', dir)
    .replaceAll('@PORT@', String(port))
    .replaceAll('@LOGIN_USER@', asRoot ? 'dovenull' : me.username)
    .replaceAll('@INTERNAL_USER@', asRoot ? 'dovecot' : me.username)
    .replaceAll('@INTERNAL_GROUP@', group);
  const configFile = path.join(dir, 'dovecot.conf');
  await writeFile(configFile, config);
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailOwner.uid}:${mailOwner.gid}::${dir}/home/${user}\n`);
  await mkdir(path.join(dir, 'home', user), { recursive: true });
  if (asRoot) {
    // Dovecot's unprivileged processes must reach the folder mkdtemp made private.
    await chmod(dir, 0o755);
    await chown(path.join(dir, 'home'), mailOwner.uid, mailOwner.gid);
    await chown(path.join(dir, 'home', user), mailOwner.uid, mailOwner.gid);
  }

  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await greets(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = await readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}: ${stderr}${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const withClient = async <T>(run: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.logout();
    }
  };
  const url = `imap://${user}:${password}@127.0.0.1:${port}/INBOX`;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url,
    withClient,
    deliver(raw, mailbox = 'INBOX') {
      return withClient(async (client) => {
        const appended = await client.append(mailbox, raw);
        if (!appended || appended.uid === undefined) throw new Error('Dovecot did not report the UID of the appended message');
        return appended.uid;
      });
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
