import type { Namespace, Socket } from 'socket.io';
import type { CitizenId, ConversationId } from '../../../shared/index.js';
import type { WebchatClientToServerEvents, WebchatServerToClientEvents } from '../../../shared/webchat-events.js';
import type { WebchatSite } from './webchat-config.js';
import type { EidasLevel } from '../../../shared/identity-levels.js';

/** What the handshake established about one widget connection. */
export interface WebchatSocketData {
  site: WebchatSite;
  token: string;
  /** Hash of the token (and account): the citizen's `webchat` identity. */
  sessionId: string;
  /** Verified mode: the account id the portal signed. */
  account: string | null;
  /** Verified mode: the eIDAS level the portal signed with the account, if any (FranceConnect). */
  eidas: EidasLevel | null;
  /** Known once the session has written (or, verified, when the account is known). */
  citizenId: CitizenId | null;
  /** The citizen's active conversation: where their typing is shown. */
  conversationId: ConversationId | null;
  typing: { on: boolean; at: number };
}

export type WebchatNamespace = Namespace<WebchatClientToServerEvents, WebchatServerToClientEvents, Record<string, never>, WebchatSocketData>;
export type WebchatSocket = Socket<WebchatClientToServerEvents, WebchatServerToClientEvents, Record<string, never>, WebchatSocketData>;

/** Rooms of the /webchat namespace. */
export const webchatRooms = {
  /** Every open widget of one citizen (tabs, devices, verified sessions of one account). */
  citizen: (citizenId: string) => `citizen:${citizenId}`,
  /** The tabs of one session, before its first message gives it a citizen. */
  session: (sessionId: string) => `session:${sessionId}`,
};
