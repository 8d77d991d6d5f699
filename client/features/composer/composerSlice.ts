import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConversationId } from '../../../shared/ids.js';
import type { AnswerUse, Channel } from '../../../shared/model.js';
import { addNote, sendMessage, type RealtimeExtra } from '../../realtime/commands.js';
import { refusalOf, type Refusal } from '../../ui/errorText.js';

/** `call`: log a call made or taken off the telephony integration (CallLogForm), not a text. */
export type ComposerMode = 'reply' | 'note' | 'call';

export interface Draft {
  text: string;
  mode: ComposerMode;
  /** Chosen by the agent; null means "the default for this conversation". */
  channel: Channel | null;
  /** The library answer the reply was written from (inserted from the picker); sent with it. */
  answer?: AnswerUse | undefined;
}

export interface PendingSend {
  clientMessageId: string;
  conversationId: ConversationId;
  mode: ComposerMode;
  channel: Channel | null;
  text: string;
  answer?: AnswerUse | undefined;
  status: 'sending' | 'failed';
  error: Refusal | null;
  /** When the agent sent it: restored items are retried in this order, and forgotten after a week. */
  createdAt: string;
}

/**
 * Worth retrying by itself once the connection is back: the server did not answer, or was not
 * reachable. A refusal (forbidden, bad request) would be refused again: the agent decides.
 */
export function retriesByItself(item: PendingSend): boolean {
  return item.status === 'failed' && (item.error?.code === 'unavailable' || item.error?.code === 'network');
}

export interface ComposerState {
  drafts: Record<string, Draft>;
  /** Messages not yet acknowledged (or refused); acknowledged ones leave, the timeline shows them. */
  pendingSends: PendingSend[];
}

export const initialComposerState: ComposerState = { drafts: {}, pendingSends: [] };
export const emptyDraft: Draft = { text: '', mode: 'reply', channel: null };

type WithComposer = { composer: ComposerState };

function newClientMessageId(): string {
  return globalThis.crypto.randomUUID();
}

/** Sends (or resends: same clientMessageId, so the server recognises a retry) one pending send. */
export const deliverPendingSend = createAsyncThunk<
  void,
  string,
  { state: WithComposer; extra: RealtimeExtra }
>('composer/deliver', async (clientMessageId, { getState, dispatch }) => {
  const item = getState().composer.pendingSends.find((o) => o.clientMessageId === clientMessageId);
  if (!item) return;
  const ack =
    item.mode === 'note'
      ? await dispatch(addNote({ conversationId: item.conversationId, text: item.text, clientMessageId })).unwrap()
      : await dispatch(
          sendMessage({ conversationId: item.conversationId, channel: item.channel!, text: item.text, clientMessageId, ...(item.answer ? { answer: item.answer } : {}) }),
        ).unwrap();
  dispatch(ack.ok ? sendAcknowledged(clientMessageId) : sendFailed({ clientMessageId, error: refusalOf(ack.error) }));
});

/** Moves the draft to the pending sends and sends it. */
export const submitDraft = createAsyncThunk<
  void,
  { conversationId: ConversationId; channel: Channel | null },
  { state: WithComposer; extra: RealtimeExtra }
>('composer/submit', async ({ conversationId, channel }, { getState, dispatch }) => {
  const draft = getState().composer.drafts[conversationId] ?? emptyDraft;
  const text = draft.text.trim();
  if (!text) return;
  if ((draft.mode === 'reply' && channel === null) || draft.mode === 'call') return;
  const clientMessageId = newClientMessageId();
  dispatch(
    sendQueued({
      clientMessageId,
      conversationId,
      mode: draft.mode,
      channel: draft.mode === 'note' ? null : channel,
      text,
      ...(draft.mode === 'reply' && draft.answer ? { answer: draft.answer } : {}),
      status: 'sending',
      error: null,
      createdAt: new Date().toISOString(),
    }),
  );
  await dispatch(deliverPendingSend(clientMessageId));
});

export const retryPendingSend = createAsyncThunk<void, string, { state: WithComposer; extra: RealtimeExtra }>(
  'composer/retry',
  async (clientMessageId, { dispatch }) => {
    dispatch(sendRetrying(clientMessageId));
    await dispatch(deliverPendingSend(clientMessageId));
  },
);

/**
 * The connection is back: sends again, one after the other in the order they were written, the
 * messages that failed for want of an answer. Same clientMessageId, so a message the server did
 * get before the cut is not written twice.
 */
export const retryInterrupted = createAsyncThunk<void, void, { state: WithComposer; extra: RealtimeExtra }>(
  'composer/retryInterrupted',
  async (_, { getState, dispatch }) => {
    const due = getState().composer.pendingSends.filter(retriesByItself).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const item of due) await dispatch(retryPendingSend(item.clientMessageId));
  },
);

function draftOf(state: ComposerState, id: string): Draft {
  return (state.drafts[id] ??= { ...emptyDraft });
}

export const composerSlice = createSlice({
  name: 'composer',
  initialState: initialComposerState,
  reducers: {
    draftTextChanged(state, action: PayloadAction<{ conversationId: ConversationId; text: string }>) {
      const draft = draftOf(state, action.payload.conversationId);
      draft.text = action.payload.text;
      // Cleared drafts forget the answer: what is typed next is the agent's own.
      if (action.payload.text.trim() === '') delete draft.answer;
    },
    /**
     * A library answer put into the draft, in place of an empty draft or after what is there. The
     * reply records the answer (the last one inserted) even if the agent then adapts the text:
     * reports count what the library helped write.
     */
    draftAnswerInserted(state, action: PayloadAction<{ conversationId: ConversationId; text: string; answer: AnswerUse }>) {
      const draft = draftOf(state, action.payload.conversationId);
      const before = draft.text.trim();
      draft.text = before ? `${draft.text.trimEnd()}\n\n${action.payload.text}` : action.payload.text;
      draft.answer = action.payload.answer;
    },
    draftModeChanged(state, action: PayloadAction<{ conversationId: ConversationId; mode: ComposerMode }>) {
      draftOf(state, action.payload.conversationId).mode = action.payload.mode;
    },
    draftChannelChanged(state, action: PayloadAction<{ conversationId: ConversationId; channel: Channel }>) {
      draftOf(state, action.payload.conversationId).channel = action.payload.channel;
    },
    sendQueued(state, action: PayloadAction<PendingSend>) {
      state.pendingSends.push(action.payload);
      // The text now lives in the pending send; the mode and channel stay for the next message.
      const draft = draftOf(state, action.payload.conversationId);
      draft.text = '';
      delete draft.answer;
    },
    sendAcknowledged(state, action: PayloadAction<string>) {
      state.pendingSends = state.pendingSends.filter((o) => o.clientMessageId !== action.payload);
    },
    /**
     * Messages kept by the browser across a reload. One still "sending" when the page went away
     * may or may not have reached the server: it shows as interrupted, and its retry (same id)
     * settles it either way.
     */
    pendingSendsRestored(state, action: PayloadAction<PendingSend[]>) {
      const known = new Set(state.pendingSends.map((o) => o.clientMessageId));
      for (const item of action.payload) {
        if (known.has(item.clientMessageId)) continue;
        state.pendingSends.push(item.status === 'sending' ? { ...item, status: 'failed', error: { code: 'unavailable', reason: 'interrupted' } } : item);
      }
    },
    sendFailed(state, action: PayloadAction<{ clientMessageId: string; error: Refusal }>) {
      const item = state.pendingSends.find((o) => o.clientMessageId === action.payload.clientMessageId);
      if (item) {
        item.status = 'failed';
        item.error = action.payload.error;
      }
    },
    sendRetrying(state, action: PayloadAction<string>) {
      const item = state.pendingSends.find((o) => o.clientMessageId === action.payload);
      if (item) {
        item.status = 'sending';
        item.error = null;
      }
    },
    /** Gives up a failed message and puts its text back into the draft for editing. */
    pendingSendDiscarded(state, action: PayloadAction<string>) {
      const item = state.pendingSends.find((o) => o.clientMessageId === action.payload);
      if (!item) return;
      state.pendingSends = state.pendingSends.filter((o) => o !== item);
      const draft = draftOf(state, item.conversationId);
      draft.text = draft.text ? `${item.text}\n${draft.text}` : item.text;
      draft.mode = item.mode;
      if (item.answer) draft.answer = item.answer;
    },
  },
});

export const {
  draftTextChanged,
  draftAnswerInserted,
  draftModeChanged,
  draftChannelChanged,
  sendQueued,
  pendingSendsRestored,
  sendAcknowledged,
  sendFailed,
  sendRetrying,
  pendingSendDiscarded,
} = composerSlice.actions;
