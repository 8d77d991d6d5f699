import { z } from 'zod';
import { AgentId, ConversationId } from './ids.js';

// Collision indicators (issue 13): who else has a conversation open, and whether they are writing
// a reply or a note. Ephemeral, never journaled: a console re-announces while it has the
// conversation open, and an entry not refreshed within PRESENCE_TTL_MS is gone.

export const PresenceActivity = z.enum(['viewing', 'replying', 'noting']);
export type PresenceActivity = z.infer<typeof PresenceActivity>;

/** `left` withdraws the caller's console from the conversation at once. */
export const SetPresenceCommand = z.object({
  conversationId: ConversationId,
  activity: z.enum([...PresenceActivity.options, 'left']),
});
export type SetPresenceCommand = z.input<typeof SetPresenceCommand>;

export const PresentAgent = z.object({
  agentId: AgentId,
  name: z.string(),
  activity: PresenceActivity,
  /** ISO time this activity began (not the last re-announce). */
  since: z.string(),
});
export type PresentAgent = z.infer<typeof PresentAgent>;

/** Everyone present on a conversation, one line per agent (the caller included: consoles leave themselves out). */
export const PresenceChanged = z.object({
  conversationId: ConversationId,
  present: z.array(PresentAgent),
});
export type PresenceChanged = z.infer<typeof PresenceChanged>;

/** How often an open console re-announces its activity. */
export const PRESENCE_REANNOUNCE_MS = 4000;
/** An entry not refreshed within this is dropped (production default; servers may take a shorter one). */
export const PRESENCE_TTL_MS = 10_000;
