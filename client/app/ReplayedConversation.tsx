import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider } from 'react-redux';
import type { Agent, Queue } from '../../shared/model.js';
import { ConversationView } from '../features/conversation/ConversationView.js';
import { initialConversationState, type ConversationState } from '../features/conversation/conversationSlice.js';
import type { ReplayFrame } from '../features/replay/replayFrame.js';
import type { RealtimeExtra } from '../realtime/commands.js';

// The agent's conversation view, rendered as it was at an instant of a replay: the very same
// components as the live console, reading a store of their own whose conversation state is the
// replay's fold of the journal. Nothing in it can reach the server: commands dispatched from
// inside (a control the read-only mode missed) are answered "read-only" by a fake socket.

const FRAME = 'replay/frame';

function frameReducer(state: { conversation: ConversationState } | undefined, action: UnknownAction): { conversation: ConversationState } {
  if (action.type === FRAME) return { conversation: action.payload as ConversationState };
  return state ?? { conversation: initialConversationState };
}

const readOnlySocket: RealtimeExtra = {
  realtime: {
    command: async () => ({ ok: false, error: { code: 'forbidden', message: 'replay is read-only' } }),
  },
};

function makeFrameStore() {
  return configureStore({
    reducer: frameReducer,
    middleware: (getDefault) => getDefault({ thunk: { extraArgument: readOnlySocket }, serializableCheck: false, immutableCheck: false }),
  });
}

export interface ReplayedConversationProps {
  frame: ReplayFrame;
  viewer: Agent;
  agents: Agent[];
  queues: Queue[];
}

export function ReplayedConversation({ frame, viewer, agents, queues }: ReplayedConversationProps) {
  const { t } = useTranslation();
  const [store] = useState(makeFrameStore);
  const state = useMemo<ConversationState>(
    () => ({
      ...initialConversationState,
      currentId: frame.conversation?.id ?? null,
      status: frame.conversation ? 'ready' : 'idle',
      conversation: frame.conversation,
      citizenId: frame.conversation?.citizenId ?? null,
      timeline: frame.timeline,
      activity: frame.activity,
    }),
    [frame],
  );
  // Layout effect: the view re-renders with the new instant before the browser paints, so the
  // screen never shows the previous instant next to the new clock.
  useLayoutEffect(() => {
    store.dispatch({ type: FRAME, payload: state });
  }, [store, state]);

  const labels = useMemo(() => ({}), []);
  return (
    <Provider store={store}>
      <div className="replay-frame" data-testid="replay-screen" data-conversation-id={frame.conversation?.id ?? ''}>
        <ConversationView
          viewer={viewer}
          agents={agents}
          queues={queues}
          conversationLabels={labels}
          readOnly
          now={frame.event ? Date.parse(frame.event.at) : undefined}
          composer={<p className="replay-frame__note muted">{t('replay.readOnly')}</p>}
        />
      </div>
    </Provider>
  );
}
