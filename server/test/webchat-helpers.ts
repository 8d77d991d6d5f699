import type { EidasLevel } from '../../shared/identity-levels.js';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  WebchatAuth,
  WebchatClientToServerEvents,
  WebchatReady,
  WebchatServerToClientEvents,
} from '../../shared/webchat-events.js';
import { signAccount } from '../channels/webchat/signed-identity.js';
import type { WebchatLimits, WebchatSite } from '../channels/webchat/webchat-config.js';
import { webchatModule } from '../channels/webchat/webchat-module.js';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

export type CitizenSocket = Socket<WebchatServerToClientEvents, WebchatClientToServerEvents>;

export const TOWN_ORIGIN = 'https://www.mairie-test.fr';
export const PORTAL_SECRET = 'portal-secret-for-tests-0123456789abcdef';
export const SESSION_SECRET = 'session-secret-for-tests-0123456789abcdef';

export const SITES: WebchatSite[] = [
  { id: 'default', origins: [TOWN_ORIGIN], secret: PORTAL_SECRET, contactEmail: 'contact@mairie-test.fr' },
  { id: 'office-tourisme', origins: ['https://tourisme.mairie-test.fr'], secret: null, contactEmail: null },
];

/** A Guichet with the web-chat module and the test sites, on an ephemeral loopback port. */
export function startWebchatHarness(limits: Partial<WebchatLimits> = {}, widgetDir: string | null = null, extra: Omit<HarnessOptions, 'channels'> = {}): Promise<Harness> {
  return startHarness({
    ...extra,
    channels: () => [webchatModule({ sites: SITES, sessionSecret: SESSION_SECRET, limits, widgetDir, presenceRefreshMs: 60_000 })],
  });
}

export interface CitizenOptions extends WebchatAuth {
  /** `Origin` header of the handshake; null sends none. */
  origin?: string | null;
}

export interface ConnectedCitizen {
  socket: CitizenSocket;
  ready: WebchatReady;
}

/** A widget's connection, made with the real socket.io client over a WebSocket. */
export function citizen(h: Harness, options: CitizenOptions = {}): Promise<ConnectedCitizen> {
  const { origin = TOWN_ORIGIN, ...auth } = options;
  const socket: CitizenSocket = connect(`${h.url}/webchat`, {
    auth: { ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(origin !== null ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('session:ready', (ready) => resolve({ socket, ready }));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** The refusal code of a handshake that must fail. */
export async function refusal(h: Harness, options: CitizenOptions): Promise<string> {
  try {
    const { socket } = await citizen(h, options);
    socket.disconnect();
    return 'accepted';
  } catch (err) {
    return (err as Error).message;
  }
}

export function signed(accountId: string, expiresInSeconds = 3600, secret = PORTAL_SECRET, eidas?: EidasLevel): NonNullable<WebchatAuth['account']> {
  const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
  return { id: accountId, expires, signature: signAccount(secret, accountId, expires, eidas), ...(eidas ? { eidas } : {}) };
}

let counter = 0;
export function clientId(): string {
  counter += 1;
  return `test${process.pid}x${Date.now().toString(36)}x${counter}`;
}

/** Resolves with the next event of that name (and predicate) on a citizen socket. */
export function nextCitizenEvent<E extends keyof WebchatServerToClientEvents>(
  socket: CitizenSocket,
  name: E,
  match: (payload: Parameters<WebchatServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<WebchatServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, listener as never);
      reject(new Error(`no ${String(name)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<WebchatServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(name, listener as never);
      resolve(payload);
    };
    socket.on(name, listener as never);
  });
}

/** True if no such event arrives within `ms`: for what must NOT reach a socket. */
export function silentFor(socket: object, name: string, ms = 400): Promise<boolean> {
  // Any socket.io client socket: their typed event maps differ, the listening does not.
  const on = socket as { on(name: string, fn: () => void): unknown; off(name: string, fn: () => void): unknown };
  return new Promise((resolve) => {
    let heard = false;
    const listener = () => {
      heard = true;
    };
    on.on(name, listener);
    setTimeout(() => {
      on.off(name, listener);
      resolve(!heard);
    }, ms);
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
