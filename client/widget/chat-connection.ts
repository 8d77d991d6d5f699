import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/ack.js';
import type {
  WebchatAuth,
  WebchatClientToServerEvents,
  WebchatReady,
  WebchatRefusal,
  WebchatSendCommand,
  WebchatServerToClientEvents,
  WidgetMessage,
} from '../../shared/webchat-events.js';
import type { EmbedConfig } from './embed-config.js';
import type { SessionStore } from './session-store.js';

type WidgetSocket = Socket<WebchatServerToClientEvents, WebchatClientToServerEvents>;

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'refused';

export interface ConnectionListener {
  ready(info: WebchatReady): void;
  message(message: WidgetMessage): void;
  agentTyping(typing: boolean): void;
  availability(agentsAvailable: boolean): void;
  status(status: ConnectionStatus, refusal?: WebchatRefusal): void;
}

const REFUSALS: readonly WebchatRefusal[] = [
  'unknown_site',
  'origin_not_allowed',
  'too_many_sessions',
  'verified_mode_disabled',
  'bad_signature',
  'signature_expired',
  'unavailable',
];
const ACK_TIMEOUT_MS = 10_000;
/** While the citizen types, "typing" is repeated this often; the console expires it. */
const TYPING_REPEAT_MS = 2500;
/** No keystroke for this long: the citizen stopped typing. */
const TYPING_IDLE_MS = 4000;

/** The widget's one socket to the /webchat namespace. */
export class ChatConnection {
  private socket: WidgetSocket | null = null;
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly config: EmbedConfig,
    private readonly session: SessionStore,
    private readonly listener: ConnectionListener,
  ) {}

  get started(): boolean {
    return this.socket !== null;
  }

  connect(): void {
    if (this.socket?.active) return;
    this.socket?.removeAllListeners();
    this.listener.status('connecting');
    // A function, so that a reconnection presents the token issued by the first session:ready.
    const auth = (cb: (data: WebchatAuth) => void) => {
      const token = this.session.token;
      cb({ site: this.config.site, ...(token ? { token } : {}), ...(this.config.account ? { account: this.config.account } : {}) });
    };
    // WebSocket first: it needs no CORS, so a page the server refuses hears why (its origin) rather
    // than failing in the transport; polling (CORS for allowed origins only) when a network blocks it.
    const s: WidgetSocket = io(`${this.config.serverOrigin}/webchat`, {
      auth,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      withCredentials: false,
      reconnectionDelayMax: 10_000,
    });
    this.socket = s;
    s.on('session:ready', (info) => {
      this.session.token = info.token;
      this.listener.status('online');
      this.listener.ready(info);
    });
    s.on('message:received', (m) => this.listener.message(m));
    s.on('agent:typing', ({ typing }) => this.listener.agentTyping(typing));
    s.on('availability:changed', ({ agentsAvailable }) => this.listener.availability(agentsAvailable));
    s.on('disconnect', () => this.listener.status('reconnecting'));
    s.on('connect_error', (err) => {
      // A refusal by the server's handshake checks is final: socket.io does not retry it.
      if (s.active) this.listener.status('reconnecting');
      else this.listener.status('refused', REFUSALS.find((r) => r === err.message) ?? 'unavailable');
    });
  }

  /** Resolves to the ack; a timeout or a lost connection becomes an `unavailable` answer. */
  async send(cmd: WebchatSendCommand): Promise<Ack<WidgetMessage>> {
    this.stopTyping();
    if (!this.socket) return { ok: false, error: { code: 'unavailable', reason: 'not_connected', message: 'not connected' } };
    try {
      return await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', cmd);
    } catch {
      return { ok: false, error: { code: 'unavailable', reason: 'no_answer', message: 'no answer from the server' } };
    }
  }

  markRead(messageId: string): void {
    // Best effort: a lost receipt only leaves the reply shown as delivered to the agent.
    this.socket?.timeout(ACK_TIMEOUT_MS).emit('message:mark-read', { messageId }, () => {});
  }

  /** Called on every keystroke; sends `typing` at most every few seconds, and its end. */
  typed(hasText: boolean): void {
    if (!this.socket?.connected) return;
    clearTimeout(this.typingIdle);
    if (!hasText) return this.stopTyping();
    const now = Date.now();
    if (now - this.typingSentAt >= TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.socket.emit('typing:set', { typing: true });
    }
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingIdle);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    if (this.socket?.connected) this.socket.emit('typing:set', { typing: false });
  }
}
