import { createSelector } from '@reduxjs/toolkit';
import type { PendingSend, ComposerState, Draft } from './composerSlice.js';
import { emptyDraft } from './composerSlice.js';

type WithComposer = { composer: ComposerState };

export const selectDraft = (state: WithComposer, conversationId: string): Draft =>
  state.composer.drafts[conversationId] ?? emptyDraft;

export const selectPendingSendsFor = createSelector(
  [(state: WithComposer) => state.composer.pendingSends, (_: WithComposer, conversationId: string) => conversationId],
  (pending, conversationId): PendingSend[] => pending.filter((o) => o.conversationId === conversationId),
);
