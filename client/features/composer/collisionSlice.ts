import { createSlice } from '@reduxjs/toolkit';
import type { AgentId, CitizenId, ConversationId } from '../../../shared/ids.js';
import type { PresentAgent } from '../../../shared/presence.js';
import { slicesReducer } from '../../app/slices.js';
import { journalEventReceived, presenceChanged } from '../../realtime/actions.js';
import { draftTextChanged, sendQueued } from './composerSlice.js';

// Collision (issue 13): who else is on a conversation (pushed, ephemeral), and the replies sent
// to each citizen as the journal brought them, so the composer can tell an agent that a
// colleague answered this citizen since their draft began. The journal's message.sent events
// reach the console for every conversation the agent may see (queue rooms, catch-up): the same
// audience as "any conversation of this citizen the agent can see".

/** One reply that went to a citizen. */
export interface OutboundSeen {
  seq: number;
  /** This console's arrival count when it heard of it. */
  arrival: number;
  at: string;
  conversationId: ConversationId;
  authorId: AgentId | null;
  authorName: string;
}

/** Replies kept per citizen: the newest few are all a warning needs. */
const KEPT_PER_CITIZEN = 20;

export interface CollisionState {
  present: Record<ConversationId, PresentAgent[]>;
  outbound: Record<CitizenId, OutboundSeen[]>;
  /**
   * Replies heard of so far. "Since the draft began" counts arrivals, not times: the server's and
   * the browser's clocks need not agree, and seqs committed by several instances may arrive out of
   * order; a reply the console heard of after the first character was typed is news to the agent.
   */
  arrivals: number;
  /** The arrival count when the current draft of a conversation began (its first character). */
  draftSince: Record<ConversationId, number>;
}

export const initialCollisionState: CollisionState = { present: {}, outbound: {}, arrivals: 0, draftSince: {} };

export const collisionSlice = createSlice({
  name: 'collision',
  initialState: initialCollisionState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(presenceChanged, (state, { payload }) => {
        if (payload.present.length === 0) delete state.present[payload.conversationId];
        else state.present[payload.conversationId] = payload.present;
      })
      .addCase(journalEventReceived, (state, { payload: event }) => {
        if (event.type !== 'message.sent') return;
        const { message } = event.payload;
        const list = (state.outbound[message.citizenId] ??= []);
        if (list.some((o) => o.seq === event.seq)) return;
        state.arrivals += 1;
        list.push({
          seq: event.seq,
          arrival: state.arrivals,
          at: event.at,
          conversationId: message.conversationId,
          authorId: message.author.kind === 'agent' && message.author.id ? (message.author.id as AgentId) : null,
          authorName: message.author.name ?? '',
        });
        if (list.length > KEPT_PER_CITIZEN) list.splice(0, list.length - KEPT_PER_CITIZEN);
      })
      .addCase(draftTextChanged, (state, { payload }) => {
        if (payload.text.trim() === '') delete state.draftSince[payload.conversationId];
        else state.draftSince[payload.conversationId] ??= state.arrivals;
      })
      .addCase(sendQueued, (state, { payload }) => {
        delete state.draftSince[payload.conversationId];
      });
  },
});

/**
 * The replies other agents sent this citizen (any of the citizen's conversations the console heard
 * of) since the draft of `conversationId` began, in arrival order. Pure: the composer's warning
 * and the cross-instance test read the same answer.
 */
export function sentMeanwhile(state: CollisionState, conversationId: ConversationId, citizenId: CitizenId, me: AgentId): OutboundSeen[] {
  const since = state.draftSince[conversationId];
  if (since === undefined) return [];
  return (state.outbound[citizenId] ?? []).filter((o) => o.arrival > since && o.authorId !== me);
}

/** Everyone on the conversation but me. */
export function othersPresent(present: readonly PresentAgent[] | undefined, me: AgentId | undefined): PresentAgent[] {
  return (present ?? []).filter((p) => p.agentId !== me);
}

// Joins the store with the composer's code (see app/slices.ts).
export const collisionInjected = collisionSlice.injectInto(slicesReducer);
