import { createSelector } from '@reduxjs/toolkit';
import type { Citizen, Conversation } from '../../../shared/model.js';
import type { CitizenState } from './citizenSlice.js';

type WithCitizen = { citizen: CitizenState };

export const selectCitizenState = (state: WithCitizen): CitizenState => state.citizen;
export const selectCitizen = (state: WithCitizen): Citizen | null => state.citizen.citizen;

export const selectCitizenConversations = createSelector(
  [(state: WithCitizen) => state.citizen.conversations],
  (conversations): Conversation[] =>
    [...conversations].sort((a, b) => (a.lastActivityAt > b.lastActivityAt ? -1 : a.lastActivityAt < b.lastActivityAt ? 1 : 0)),
);

/** Label of each of the citizen's conversations, for the timeline's "other request" markers. */
export const selectConversationLabels = createSelector(
  [(state: WithCitizen) => state.citizen.conversations],
  (conversations): Record<string, string> => {
    const labels: Record<string, string> = {};
    for (const c of conversations) labels[c.id] = c.subject ?? c.preview;
    return labels;
  },
);
