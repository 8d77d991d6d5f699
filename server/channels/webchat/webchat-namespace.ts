import type { EidasLevel } from '../../../shared/identity-levels.js';
import type { Server as IoServer } from 'socket.io';
import { z } from 'zod';
import { normalizeIdentity, IdentityFormatError, type AppErrorBody, type CitizenId, type InboundMessage } from '../../../shared/index.js';
import type { WebchatRefusal, WidgetMessage } from '../../../shared/webchat-events.js';
import type { IngestService } from '../../domain/ingest.js';
import { DomainError, invalidPayload } from '../../domain/errors.js';
import type { Clock, Store } from '../../domain/ports.js';
import { ackedHandler, guardedListener, guardedMiddleware, rooms as agentRooms } from '../../realtime/kit.js';
import type { AgentNamespace } from './agent-namespace.js';
import { clientAddress } from '../../http/kit.js';
import { originAllowed } from './origin-policy.js';
import { TokenBuckets, WindowCounter } from './rate-limits.js';
import type { ReadReceipts } from './read-receipts.js';
import { sessionIdOf, type SessionTokens } from './session-token.js';
import { verifyAccount } from './signed-identity.js';
import { DEFAULT_SITE_ID, type WebchatLimits, type WebchatSite } from './webchat-config.js';
import { webchatRooms, type WebchatNamespace, type WebchatSocket, type WebchatSocketData } from './webchat-socket.js';
import { externalIdFor, toWidgetMessage, widgetHistory } from './widget-messages.js';

export interface WebchatNamespaceDeps {
  io: IoServer;
  agents: AgentNamespace;
  ingest: IngestService;
  store: Store;
  clock: Clock;
  log: (msg: string, err?: unknown) => void;
  sites: readonly WebchatSite[];
  tokens: SessionTokens;
  limits: WebchatLimits;
  trustProxy: boolean;
  receipts: ReadReceipts;
  agentsAvailable: () => boolean;
}

const Auth = z.object({
  site: z.string().max(64).optional(),
  token: z.string().max(200).optional(),
  account: z.object({ id: z.string().max(400), expires: z.number(), eidas: z.string().max(20).optional(), signature: z.string().max(200) }).optional(),
});

const blankToUndefined = (v: string | undefined) => (v ? v : undefined);
const SendCommand = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a client id is 8 to 64 letters, digits, - or _'),
  text: z.string(),
  profile: z
    .object({
      name: z.string().trim().max(100).optional().transform(blankToUndefined),
      email: z.string().trim().max(320).optional().transform(blankToUndefined),
    })
    .optional(),
  replyByEmail: z.string().trim().max(320).optional().transform(blankToUndefined),
});
const MarkReadCommand = z.object({ messageId: z.string().min(1).max(64) });

/** Read acks are cheap for the citizen but each is a store read: bounded too. */
const READS_BURST = 30;
const READS_REFILL_MS = 1000;
/** A typing state is forwarded at most this often unless it flips. */
const TYPING_INTERVAL_MS = 1000;

function refusal(code: WebchatRefusal): Error {
  return new Error(code);
}

function toErrorBody(err: unknown, log: WebchatNamespaceDeps['log']): AppErrorBody {
  if (err instanceof DomainError) return err.toBody();
  log('web chat: command failed', err);
  return { code: 'unavailable', message: 'the message could not be stored; try again' };
}

function emailOrReject(raw: string | undefined, path: string): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return normalizeIdentity('email', raw);
  } catch (err) {
    if (!(err instanceof IdentityFormatError)) throw err;
    throw new DomainError('bad_request', 'this email address is not valid', [{ path, message: 'invalid_email' }]);
  }
}

/** The citizen a session already belongs to: its own identity, else (verified) the account's holder. */
async function sessionCitizen(store: Store, sessionId: string, account: string | null): Promise<CitizenId | null> {
  const citizen =
    (await store.findCitizenByIdentity('webchat', sessionId)) ??
    (account !== null ? await store.findCitizenByIdentity('account', account) : null);
  return citizen ? (citizen.mergedInto ?? citizen.id) : null;
}

/**
 * The citizens' namespace. The handshake checks the site, its origin, the signed identity when
 * one is given, and the per-address cap on new sessions; commands answer through their ack and
 * never throw out of the socket.
 */
export function attachWebchatNamespace(deps: WebchatNamespaceDeps): WebchatNamespace {
  const { io, agents, ingest, store, clock, log, tokens, limits, trustProxy, receipts } = deps;
  // The server is untyped (it hosts two namespaces); this one speaks the widget's protocol.
  const nsp = io.of('/webchat') as unknown as WebchatNamespace;
  const sites = new Map(deps.sites.map((s) => [s.id, s]));
  const newSessions = new WindowCounter(limits.sessionsPerIpPerMinute, 60_000);
  const messages = new TokenBuckets(limits.burst, 60_000 / limits.messagesPerMinute);
  const reads = new TokenBuckets(READS_BURST, READS_REFILL_MS);

  nsp.use(guardedMiddleware<WebchatSocket>((socket, next) => {
    const auth = Auth.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(refusal('unknown_site'));
    const site = sites.get(auth.data.site ?? DEFAULT_SITE_ID);
    if (!site) return next(refusal('unknown_site'));
    const headers = socket.handshake.headers;
    if (!originAllowed(site, headers, trustProxy)) return next(refusal('origin_not_allowed'));

    let account: string | null = null;
    let eidas: EidasLevel | null = null;
    if (auth.data.account) {
      if (!site.secret) return next(refusal('verified_mode_disabled'));
      const checked = verifyAccount(site.secret, auth.data.account, Math.floor(clock.now().getTime() / 1000));
      if (!checked.ok) return next(refusal(checked.reason));
      account = checked.accountId;
      eidas = checked.eidas;
    }

    let token = auth.data.token;
    if (!tokens.isGenuine(token)) {
      const address = clientAddress(headers, socket.handshake.address, trustProxy);
      if (!newSessions.hit(address, clock.now().getTime())) return next(refusal('too_many_sessions'));
      token = tokens.issue();
    }
    const sessionId = sessionIdOf(token, account);
    // The citizen is looked up once connected (ready): a store failure there drops the connection,
    // which the widget retries, instead of a refusal it would take as final.
    const data: WebchatSocketData = { site, token, sessionId, account, eidas, citizenId: null, conversationId: null, typing: { on: false, at: 0 } };
    socket.data = data;
    next();
  }, log, 'web chat handshake'));

  nsp.on('connection', guardedListener((socket: WebchatSocket) => {
    const data = socket.data;
    void socket.join(webchatRooms.session(data.sessionId));
    // Typing changes leave in order even when one of them has to look the conversation up.
    let typingChain: Promise<void> = Promise.resolve();
    const setTyping = (typing: boolean) => {
      const now = clock.now().getTime();
      if (typing === data.typing.on && now - data.typing.at < TYPING_INTERVAL_MS) return;
      // A new burst of typing may be in a conversation opened since (by another tab, or after a resolve).
      const relocate = typing && !data.typing.on;
      data.typing = { on: typing, at: now };
      typingChain = typingChain
        .then(async () => {
          if (relocate) await locate(socket, true);
          const conversationId = data.conversationId;
          if (conversationId) agents.to(agentRooms.conversation(conversationId)).emit('citizen:typing', { conversationId, typing });
        })
        .catch((err: unknown) => log('web chat: typing not relayed', err));
    };

    void ready(socket).catch((err: unknown) => {
      log('web chat: could not open a session', err);
      socket.disconnect(true);
    });

    socket.on(
      'message:send',
      answer(socket, async (raw): Promise<WidgetMessage> => {
        if (!messages.take(data.sessionId, clock.now().getTime())) {
          throw new DomainError('rate_limited', 'too many messages in a short time; wait a moment', { reason: 'too_many_messages' });
        }
        const cmd = SendCommand.safeParse(raw);
        if (!cmd.success) throw invalidPayload('message', cmd.error.issues);
        const text = cmd.data.text.trim();
        if (!text) throw new DomainError('bad_request', 'the message is empty', [{ path: 'text', message: 'empty' }]);
        if (text.length > limits.maxLength) {
          throw new DomainError('bad_request', `a message is at most ${limits.maxLength} characters`, [{ path: 'text', message: 'too_long' }]);
        }
        const email = emailOrReject(cmd.data.profile?.email, 'profile.email');
        const replyTo = emailOrReject(cmd.data.replyByEmail, 'replyByEmail');
        const result = await ingest.ingest(inboundOf(data, { clientId: cmd.data.clientId, text, name: cmd.data.profile?.name, email, replyTo }));
        const message = result.message;
        data.citizenId = message.citizenId;
        data.conversationId = message.conversationId;
        const room = webchatRooms.citizen(message.citizenId);
        // The session's other tabs (on any instance) follow the citizen from their first message on.
        nsp.in(webchatRooms.session(data.sessionId)).socketsJoin(room);
        await socket.join(room);
        const shown = toWidgetMessage(message);
        if (!shown) throw new Error(`message ${message.id} is not a web-chat message`);
        // The session's other tabs show it too; a retried duplicate was shown the first time.
        if (result.status === 'accepted') socket.to(room).emit('message:received', shown);
        if (data.typing.on) setTyping(false);
        return shown;
      }),
    );

    socket.on(
      'message:mark-read',
      answer(socket, async (raw): Promise<null> => {
        if (!reads.take(data.sessionId, clock.now().getTime())) throw new DomainError('rate_limited', 'too many read receipts');
        const cmd = MarkReadCommand.safeParse(raw);
        if (!cmd.success) throw invalidPayload('read receipt', cmd.error.issues);
        await locate(socket, false);
        if (!data.citizenId) throw new DomainError('not_found', 'no such message in this chat');
        await receipts.markRead(data.citizenId, cmd.data.messageId);
        return null;
      }),
    );

    socket.on(
      'typing:set',
      guardedListener(
        (raw: unknown) => setTyping(typeof raw === 'object' && raw !== null && (raw as { typing?: unknown }).typing === true),
        log,
        'web chat: typing',
      ),
    );

    socket.on(
      'disconnect',
      guardedListener(
        () => {
          if (data.typing.on) setTyping(false);
        },
        log,
        'web chat: disconnect',
      ),
    );
  }, log, 'web chat connection'));

  /**
   * Finds the session's citizen once another tab's first message created it, and (when asked)
   * the citizen's active conversation as it is now.
   */
  async function locate(socket: WebchatSocket, conversation: boolean): Promise<void> {
    const data = socket.data;
    if (!data.citizenId) {
      data.citizenId = await sessionCitizen(store, data.sessionId, data.account);
      if (data.citizenId) await socket.join(webchatRooms.citizen(data.citizenId));
    }
    if (conversation && data.citizenId) {
      data.conversationId = (await store.findActiveConversation(data.citizenId))?.id ?? null;
    }
  }

  /** Joins the citizen's room and sends the token and history: on every (re)connection. */
  async function ready(socket: WebchatSocket): Promise<void> {
    const data = socket.data;
    await locate(socket, true);
    const history = data.citizenId ? await widgetHistory(store, data.citizenId) : [];
    socket.emit('session:ready', {
      token: data.token,
      verified: data.account !== null,
      agentsAvailable: deps.agentsAvailable(),
      history,
      maxLength: limits.maxLength,
      contactEmail: data.site.contactEmail,
    });
  }

  function answer<T>(socket: WebchatSocket, run: (payload: unknown) => Promise<T>) {
    const handler = ackedHandler(run, (err) => toErrorBody(err, log), log);
    return (payload: unknown, ack?: unknown): void => {
      if (socket.connected) handler(payload, ack);
    };
  }

  return nsp;
}

/** Anonymous visitors are told apart in the inbox by a few characters of their session. */
function visitorName(data: WebchatSocketData): string {
  if (data.account !== null) return `Compte portail ${data.account}`;
  return `Visiteur web #${data.sessionId.slice(4, 8).toUpperCase()}`;
}

function inboundOf(
  data: WebchatSocketData,
  m: { clientId: string; text: string; name: string | undefined; email: string | undefined; replyTo: string | undefined },
): InboundMessage {
  const alsoKnownAs: NonNullable<InboundMessage['alsoKnownAs']> = [];
  // Levels (shared/identity-levels.ts): the anonymous session proves only itself (`channel`); a
  // verified visit is signed by the portal (`portal`), or carries a FranceConnect eIDAS level.
  const signed = data.account === null ? null : data.eidas !== null ? ({ level: 'franceconnect', eidas: data.eidas } as const) : ({ level: 'portal' } as const);
  if (data.account !== null) alsoKnownAs.push({ kind: 'account', value: data.account, ...signed });
  // Typed in a form, never proved: the domain links them only to a citizen nobody else is.
  for (const email of new Set([m.email, m.replyTo])) if (email) alsoKnownAs.push({ kind: 'email', value: email, level: 'unverified' });
  return {
    channel: 'webchat',
    externalId: externalIdFor(data.sessionId, m.clientId),
    from: { kind: 'webchat', value: data.sessionId, displayName: m.name ?? visitorName(data), ...(signed ?? { level: 'channel' }) },
    ...(alsoKnownAs.length ? { alsoKnownAs } : {}),
    // The agent must see that the answer is awaited by email, in the message itself.
    text: m.replyTo ? `${m.text}\n\n— Réponse souhaitée par e-mail : ${m.replyTo}` : m.text,
  };
}
