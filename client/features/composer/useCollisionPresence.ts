import { createAsyncThunk } from '@reduxjs/toolkit';
import { useEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../../shared/ids.js';
import { PRESENCE_REANNOUNCE_MS, type PresenceActivity, type SetPresenceCommand } from '../../../shared/presence.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { presenceChanged } from '../../realtime/actions.js';
import type { RealtimeExtra } from '../../realtime/commands.js';
import type { ComposerMode } from './composerSlice.js';

/** Without a keystroke for this long, a draft's author is back to "viewing". */
export const TYPING_IDLE_MS = 15_000;

/** Announces the console's activity; the ack is the list as the server knows it now. */
export const announcePresence = createAsyncThunk<void, SetPresenceCommand, { extra: RealtimeExtra }>(
  'collision/announce',
  async (cmd, { extra, dispatch }) => {
    const ack = await extra.realtime.command('presence:set', cmd);
    if (ack.ok && cmd.activity !== 'left') dispatch(presenceChanged(ack.data));
  },
);

/** What the composer's state says the agent does: typing in reply mode replies, in note mode notes. */
export function activityOf(mode: ComposerMode, text: string, lastKeyAt: number | null, now: number): PresenceActivity {
  if (text.trim() === '' || lastKeyAt === null || now - lastKeyAt > TYPING_IDLE_MS) return 'viewing';
  if (mode === 'reply') return 'replying';
  if (mode === 'note') return 'noting';
  return 'viewing';
}

/** The agent's activity from the draft, back to "viewing" once they stop typing for a while. */
export function useComposerActivity(mode: ComposerMode, text: string): PresenceActivity {
  const [lastKeyAt, setLastKeyAt] = useState<number | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    if (text.trim() !== '') setLastKeyAt(Date.now());
  }, [text]);
  useEffect(() => {
    if (lastKeyAt === null) return;
    const timer = setTimeout(() => tick((n) => n + 1), TYPING_IDLE_MS + 50);
    return () => clearTimeout(timer);
  }, [lastKeyAt]);
  return activityOf(mode, text, lastKeyAt, Date.now());
}

/**
 * Keeps this console announced on the conversation while it is open: at once, on each change of
 * activity, every PRESENCE_REANNOUNCE_MS (the server forgets an entry 10 s after its last
 * announce), and again when the connection is live after a reconnect (a new socket starts with
 * nothing). Closing the conversation says "left".
 */
export function useCollisionPresence(conversationId: ConversationId, activity: PresenceActivity): void {
  const dispatch = useAppDispatch();
  const live = useAppSelector((s) => s.connection.status === 'live');
  const liveRef = useRef(live);
  liveRef.current = live;
  useEffect(() => {
    if (!live) return;
    const announce = () => void dispatch(announcePresence({ conversationId, activity }));
    announce();
    const timer = setInterval(announce, PRESENCE_REANNOUNCE_MS);
    return () => clearInterval(timer);
  }, [dispatch, conversationId, activity, live]);
  // Not live: the server dropped this socket's entries already.
  useEffect(() => () => void (liveRef.current && dispatch(announcePresence({ conversationId, activity: 'left' }))), [dispatch, conversationId]);
}
