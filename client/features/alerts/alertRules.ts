import type { ConversationId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import { mentionedAgents } from '../../../shared/mentions.js';
import type { Channel } from '../../../shared/model.js';

/** New work worth interrupting an agent for. */
export type AlertKind = 'offer' | 'message' | 'mention';

export interface Alert {
  /** The journal seq it comes from: one alert per event, however often the screen repaints. */
  id: number;
  kind: AlertKind;
  conversationId: ConversationId;
  /** Who it is about, when the console knows the conversation. */
  citizenName?: string;
  /** The conversation's channels: a name that is only a platform id is worded after them (identityDisplay). */
  citizenChannels?: Channel[];
  channel?: Channel;
  /** The colleague who mentioned the agent. */
  by?: string;
}

export interface AlertContext {
  me: string;
  /** What the console knows of a conversation (the inbox), if anything. */
  conversation(id: ConversationId): { assigneeId: string | null; citizenName: string; channels?: readonly Channel[] } | undefined;
  agents: readonly { id: string; displayName: string }[];
}

/**
 * The alert a live journal event raises for the signed-in agent, or null. Only live pushes may
 * raise one (the caller checks): what catch-up brings back after a reconnect is history, not news.
 */
export function alertOf(event: JournalEvent, ctx: AlertContext): Alert | null {
  const conversationId = event.conversationId;
  if (!conversationId) return null;
  const known = ctx.conversation(conversationId);
  const about = known ? { citizenName: known.citizenName, ...(known.channels ? { citizenChannels: [...known.channels] } : {}) } : {};
  switch (event.type) {
    case 'conversation.offered':
      return event.payload.agentId === ctx.me ? { id: event.seq, kind: 'offer', conversationId, ...about } : null;
    case 'message.received':
      if (known?.assigneeId !== ctx.me) return null;
      return { id: event.seq, kind: 'message', conversationId, ...about, channel: event.payload.message.channel };
    case 'note.added': {
      const { author, text, mentions } = event.payload.message;
      if (author.kind === 'agent' && author.id === ctx.me) return null;
      // The server decides who a note mentions (those who may open it); a note written before it
      // did is read as typed.
      if (!(mentions ?? mentionedAgents(text, ctx.agents)).includes(ctx.me as never)) return null;
      const by = ctx.agents.find((a) => a.id === author.id)?.displayName ?? author.name;
      return { id: event.seq, kind: 'mention', conversationId, ...about, ...(by ? { by } : {}) };
    }
    default:
      return null;
  }
}
