import { describe, expect, it } from 'vitest';
import type { Ack } from '../../../shared/ack.js';
import { makeStore } from '../../app/store.js';
import type { Realtime } from '../../realtime/realtime.js';
import { CONV, message } from '../../testing/fixtures.js';
import { defaultReplyChannel, replyChannels } from './channels.js';
import { selectDraft, selectPendingSendsFor } from './composerSelectors.js';
import {
  draftModeChanged,
  draftTextChanged,
  pendingSendDiscarded,
  pendingSendsRestored,
  retriesByItself,
  retryInterrupted,
  retryPendingSend,
  submitDraft,
} from './composerSlice.js';

describe('reply channels', () => {
  it('offers only channels the citizen has an identity for, never phone or account', () => {
    expect(
      replyChannels([{ kind: 'phone' }, { kind: 'telegram' }, { kind: 'email' }, { kind: 'account' }, { kind: 'email' }]),
    ).toEqual(['email', 'telegram']);
    expect(replyChannels([{ kind: 'phone' }])).toEqual([]);
  });

  it('defaults to the channel of the last inbound message when possible', () => {
    expect(defaultReplyChannel(['email', 'whatsapp'], 'whatsapp')).toBe('whatsapp');
    expect(defaultReplyChannel(['email', 'whatsapp'], 'phone')).toBe('email');
    expect(defaultReplyChannel(['email'], null)).toBe('email');
    expect(defaultReplyChannel([], 'email')).toBeNull();
  });
});

function storeWith(answers: Ack<unknown>[]) {
  const calls: { name: string; payload: unknown }[] = [];
  const realtime = {
    middleware: () => (next: (a: unknown) => unknown) => (action: unknown) => next(action),
    sync: null,
    command: async (name: string, payload: unknown) => {
      calls.push({ name, payload });
      return answers.shift() ?? { ok: false, error: { code: 'unavailable', message: 'none' } };
    },
  } as unknown as Realtime;
  return { store: makeStore(undefined, { realtime, listeners: false }), calls };
}

describe('composer flow', () => {
  it('sends a reply with a clientMessageId and clears the draft on ack', async () => {
    const { store, calls } = storeWith([{ ok: true, data: message({ id: 'msg_9', direction: 'outbound' }) }]);
    store.dispatch(draftTextChanged({ conversationId: CONV, text: '  Votre acte est prêt.  ' }));
    await store.dispatch(submitDraft({ conversationId: CONV, channel: 'email' }));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.name).toBe('message:send');
    expect(calls[0]!.payload).toMatchObject({ conversationId: CONV, channel: 'email', text: 'Votre acte est prêt.' });
    expect(selectDraft(store.getState(), CONV).text).toBe('');
    expect(selectPendingSendsFor(store.getState(), CONV)).toEqual([]);
  });

  it('keeps a failed message with its error and retries with the same clientMessageId', async () => {
    const { store, calls } = storeWith([
      { ok: false, error: { code: 'unavailable', message: 'no answer from the server' } },
      { ok: true, data: message({ id: 'msg_9', direction: 'note' }) },
    ]);
    store.dispatch(draftModeChanged({ conversationId: CONV, mode: 'note' }));
    store.dispatch(draftTextChanged({ conversationId: CONV, text: 'Rappeler lundi' }));
    await store.dispatch(submitDraft({ conversationId: CONV, channel: null }));
    const [failed] = selectPendingSendsFor(store.getState(), CONV);
    // The codes, never the server's English sentence: the console words them.
    expect(failed).toMatchObject({ status: 'failed', mode: 'note', error: { code: 'unavailable' } });
    expect(failed!.error).not.toHaveProperty('message');
    expect(calls[0]!.name).toBe('note:add');

    await store.dispatch(retryPendingSend(failed!.clientMessageId));
    expect(calls).toHaveLength(2);
    expect((calls[1]!.payload as { clientMessageId: string }).clientMessageId).toBe(failed!.clientMessageId);
    expect(selectPendingSendsFor(store.getState(), CONV)).toEqual([]);
  });

  it('does not send an empty draft, nor a reply without a channel', async () => {
    const { store, calls } = storeWith([]);
    await store.dispatch(submitDraft({ conversationId: CONV, channel: 'email' }));
    store.dispatch(draftTextChanged({ conversationId: CONV, text: 'Bonjour' }));
    await store.dispatch(submitDraft({ conversationId: CONV, channel: null }));
    expect(calls).toEqual([]);
    expect(selectDraft(store.getState(), CONV).text).toBe('Bonjour');
  });

  it('puts a discarded failed message back into the draft', async () => {
    const { store } = storeWith([{ ok: false, error: { code: 'forbidden', message: 'non' } }]);
    store.dispatch(draftTextChanged({ conversationId: CONV, text: 'Texte' }));
    await store.dispatch(submitDraft({ conversationId: CONV, channel: 'email' }));
    const [failed] = selectPendingSendsFor(store.getState(), CONV);
    store.dispatch(pendingSendDiscarded(failed!.clientMessageId));
    expect(selectDraft(store.getState(), CONV).text).toBe('Texte');
    expect(selectPendingSendsFor(store.getState(), CONV)).toEqual([]);
  });

  it('restores kept messages after a reload: one caught "sending" shows as interrupted', () => {
    const { store } = storeWith([]);
    const kept = [
      { clientMessageId: 'c1', conversationId: CONV, mode: 'reply' as const, channel: 'email' as const, text: 'A', status: 'sending' as const, error: null, createdAt: '2026-12-03T10:00:00Z' },
      { clientMessageId: 'c2', conversationId: CONV, mode: 'note' as const, channel: null, text: 'B', status: 'failed' as const, error: { code: 'forbidden' as const }, createdAt: '2026-12-03T10:01:00Z' },
    ];
    store.dispatch(pendingSendsRestored(kept));
    store.dispatch(pendingSendsRestored(kept)); // twice (two sign-in checks): still once each
    const items = selectPendingSendsFor(store.getState(), CONV);
    expect(items.map((o) => [o.clientMessageId, o.status, o.error])).toEqual([
      ['c1', 'failed', { code: 'unavailable', reason: 'interrupted' }],
      ['c2', 'failed', { code: 'forbidden' }],
    ]);
    expect(items.map(retriesByItself)).toEqual([true, false]);
  });

  it('sends again, in writing order and with the same ids, only what failed for want of an answer', async () => {
    const ok = (id: string) => ({ ok: true as const, data: message({ id, direction: 'outbound' }) });
    const { store, calls } = storeWith([
      { ok: false, error: { code: 'unavailable', reason: 'no_answer', message: 'no answer' } },
      { ok: false, error: { code: 'unavailable', reason: 'not_connected', message: 'not connected' } },
      { ok: false, error: { code: 'bad_request', message: 'no' } },
      ok('m1'),
      ok('m2'),
    ]);
    for (const text of ['premier', 'second', 'refusé']) {
      store.dispatch(draftTextChanged({ conversationId: CONV, text }));
      await store.dispatch(submitDraft({ conversationId: CONV, channel: 'email' }));
    }
    const ids = selectPendingSendsFor(store.getState(), CONV).map((o) => o.clientMessageId);
    await store.dispatch(retryInterrupted());
    expect(calls.slice(3).map((c) => (c.payload as { clientMessageId: string; text: string }).text)).toEqual(['premier', 'second']);
    expect(calls.slice(3).map((c) => (c.payload as { clientMessageId: string }).clientMessageId)).toEqual(ids.slice(0, 2));
    // The refused one waits for the agent.
    expect(selectPendingSendsFor(store.getState(), CONV).map((o) => o.text)).toEqual(['refusé']);
  });
});
