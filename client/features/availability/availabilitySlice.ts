import { refusalOf, type Refusal } from '../../ui/errorText.js';
import { createSlice } from '@reduxjs/toolkit';
import type { AgentStatus } from '../../../shared/agent-status.js';
import type { AgentId, ConversationId } from '../../../shared/ids.js';
import type { AgentState } from '../../../shared/model.js';
import { journalEventReceived, sessionReady } from '../../realtime/actions.js';
import { acceptOffer, declineOffer, fetchAgentStatuses, setAgentState } from '../../realtime/commands.js';

/** An automatic-assignment offer made to the signed-in agent. */
export interface PendingOffer {
  conversationId: ConversationId;
  attempt: number;
  expiresAt: string;
}

export interface AvailabilityState {
  me: AgentId | null;
  /** The signed-in agent's state; null until the server told it. */
  state: AgentState | null;
  offers: PendingOffer[];
  error: Refusal | null;
}

export const initialAvailabilityState: AvailabilityState = { me: null, state: null, offers: [], error: null };

const withStatus = (s: AvailabilityState, status: AgentStatus | null | undefined) => {
  if (status && status.agentId === s.me) s.state = status.state;
};

export const availabilitySlice = createSlice({
  name: 'availability',
  initialState: initialAvailabilityState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(sessionReady, (s, { payload }) => {
        s.me = payload.agent.id;
      })
      .addCase(fetchAgentStatuses.fulfilled, (s, { payload }) => {
        if (payload.ok) withStatus(s, payload.data.find((x) => x.agentId === s.me));
      })
      .addCase(setAgentState.fulfilled, (s, { payload }) => {
        if (payload.ok) {
          withStatus(s, payload.data);
          s.error = null;
        } else {
          s.error = refusalOf(payload.error);
        }
      })
      .addCase(acceptOffer.fulfilled, (s, { meta }) => {
        s.offers = s.offers.filter((o) => o.conversationId !== meta.arg.conversationId);
      })
      .addCase(declineOffer.fulfilled, (s, { meta }) => {
        s.offers = s.offers.filter((o) => o.conversationId !== meta.arg.conversationId);
      })
      .addCase(journalEventReceived, (s, { payload: event }) => {
        switch (event.type) {
          case 'agent.state-changed':
            if (event.payload.agentId === s.me) s.state = event.payload.state;
            return;
          case 'conversation.offered':
            if (event.payload.agentId !== s.me || event.conversationId === undefined) return;
            s.offers = [
              ...s.offers.filter((o) => o.conversationId !== event.conversationId),
              { conversationId: event.conversationId, attempt: event.payload.attempt, expiresAt: event.payload.expiresAt },
            ];
            return;
          case 'conversation.accepted':
          case 'conversation.offer-declined':
          case 'conversation.assigned':
            s.offers = s.offers.filter((o) => o.conversationId !== event.conversationId);
            return;
          default:
            return;
        }
      });
  },
});

export const selectMyState = (state: { availability: AvailabilityState }) => state.availability.state;
export const selectMyOffers = (state: { availability: AvailabilityState }) => state.availability.offers;
export const selectAvailabilityError = (state: { availability: AvailabilityState }) => state.availability.error;
