import { createSelector } from '@reduxjs/toolkit';
import type { OutboxItem, ComposerState, Draft } from './composerSlice.js';
import { emptyDraft } from './composerSlice.js';

type WithComposer = { composer: ComposerState };

export const selectDraft = (state: WithComposer, conversationId: string): Draft =>
  state.composer.drafts[conversationId] ?? emptyDraft;

export const selectOutboxFor = createSelector(
  [(state: WithComposer) => state.composer.outbox, (_: WithComposer, conversationId: string) => conversationId],
  (outbox, conversationId): OutboxItem[] => outbox.filter((o) => o.conversationId === conversationId),
);
