import type { Ack } from './ack.js';

// The citizen-facing protocol of the `/webchat` Socket.IO namespace, shared by the server module
// (server/channels/webchat) and the embeddable widget (client/widget). Types only: the widget's
// bundle must not carry a schema library, so the server validates with its own zod schemas.

/** What the widget sends in the handshake (`io(url, { auth })`). */
export interface WebchatAuth {
  /** Site id from the embed tag (`data-site`); each site has its allowed origins and secret. */
  site?: string;
  /** Session token previously issued by the server (kept in the widget's localStorage). */
  token?: string;
  /** Verified mode: the citizen portal's signed account id (see README, "Web chat widget"). */
  account?: { id: string; expires: number; signature: string; /** FranceConnect eIDAS level, signed with the rest. */ eidas?: string };
}

/**
 * Why a handshake was refused; the client receives it as `connect_error`'s message.
 * A refused signature is not downgraded to an anonymous session: the visitor must know that
 * they are not recognised.
 */
export type WebchatRefusal =
  | 'unknown_site'
  | 'origin_not_allowed'
  | 'too_many_sessions'
  | 'verified_mode_disabled'
  | 'bad_signature'
  | 'signature_expired'
  | 'unavailable';

/** One message as the citizen sees it: never a note, never another citizen's, no internal ids. */
export interface WidgetMessage {
  id: string;
  from: 'citizen' | 'agent';
  text: string;
  at: string;
  /** The widget's own id of a citizen message (lets a tab match its optimistic copy). */
  clientId?: string;
  /** First name of the answering agent. */
  agentName?: string;
  /** Agent replies only: `read` once the citizen's widget acknowledged it. */
  status?: 'sent' | 'delivered' | 'read';
  /** A satisfaction survey (system message): the widget shows it as a card with a button to this page. */
  surveyUrl?: string;
}

export interface WebchatReady {
  /** The token to keep: the one presented, or a new one when none (or an invalid one) was. */
  token: string;
  verified: boolean;
  /** Whether any member of staff is connected now (see server/channels/webchat/availability.ts). */
  agentsAvailable: boolean;
  /** The citizen's web-chat history, oldest first (empty for a new session). */
  history: WidgetMessage[];
  maxLength: number;
  /** The town's address for those who prefer email, if configured. */
  contactEmail: string | null;
}

export interface WebchatSendCommand {
  /** Client-generated, stable across retries: the server stores the message once. */
  clientId: string;
  text: string;
  /** Pre-chat form, optional; the email is kept as an unverified address. */
  profile?: { name?: string; email?: string };
  /** "No agent available" flow: where the citizen wants the answer. Unverified too. */
  replyByEmail?: string;
}

export interface WebchatClientToServerEvents {
  'message:send': (cmd: WebchatSendCommand, ack: (res: Ack<WidgetMessage>) => void) => void;
  /** The widget showed an agent reply to the citizen: journaled as a read receipt. */
  'message:mark-read': (cmd: { messageId: string }, ack: (res: Ack<null>) => void) => void;
  /** Ephemeral, never journaled. Re-sent every few seconds while typing; receivers expire it. */
  'typing:set': (cmd: { typing: boolean }) => void;
}

export interface WebchatServerToClientEvents {
  'session:ready': (info: WebchatReady) => void;
  /** An agent reply, or the citizen's own message sent from another tab of the same session. */
  'message:received': (message: WidgetMessage) => void;
  'agent:typing': (info: { typing: boolean }) => void;
  'availability:changed': (info: { agentsAvailable: boolean }) => void;
}

/** Every command of the widget's protocol, acked or not: what the server must survive from anyone. */
export const WEBCHAT_COMMANDS = { 'message:send': 'acked', 'message:mark-read': 'acked', 'typing:set': 'fire-and-forget' } as const satisfies {
  [K in keyof WebchatClientToServerEvents]: 'acked' | 'fire-and-forget';
};
