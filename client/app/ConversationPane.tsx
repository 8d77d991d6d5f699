import './pageWords.js';
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ConversationId } from '../../shared/ids.js';
import type { Agent, Queue } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import { canSeeConversation } from '../../shared/access.js';
import { lastWhatsappInboundAt } from '../../shared/whatsapp-window.js';
import { loadCitizen } from '../features/citizen/citizenSlice.js';
import { selectCitizen, selectConversationLabels } from '../features/citizen/citizenSelectors.js';
import { Composer } from '../features/composer/Composer.js';
import { ConversationView } from '../features/conversation/ConversationView.js';
import { lastInboundOf, selectConversationState } from '../features/conversation/conversationSelectors.js';
import { openConversation } from '../features/conversation/conversationSlice.js';
import { WhisperNotes } from '../features/supervisor/WhisperNotes.js';
import { unwatchConversation, watchConversation } from '../realtime/actions.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { strongestIdentity } from '../ui/IdentityLevelBadge.js';

// Composes the conversation, citizen and composer features for one open conversation.

// The library's picker, fetched the first time an agent opens it.
const AnswerPicker = lazy(() => import('../features/answers/AnswerPicker.js').then((m) => ({ default: m.AnswerPicker })));

export interface ConversationPaneProps {
  conversationId: ConversationId;
  viewer: Agent;
  agents: Agent[];
  queues: Queue[];
  /** Before the citizen's name (the back link on a phone). */
  leading?: ReactNode;
  /** Beside the header's controls (the citizen panel's toggle). */
  actions?: ReactNode;
}

export function ConversationPane({ conversationId, viewer, agents, queues, leading, actions }: ConversationPaneProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { conversation, citizenId, timeline } = useAppSelector(selectConversationState);
  const citizen = useAppSelector(selectCitizen);
  const labels = useAppSelector(selectConversationLabels);
  // `?message=` (a search hit): the timeline opens at that message.
  const [params] = useSearchParams();
  const focusMessageId = params.get('message');

  useEffect(() => {
    void dispatch(openConversation(conversationId));
    dispatch(watchConversation(conversationId));
    return () => {
      dispatch(unwatchConversation(conversationId));
    };
  }, [dispatch, conversationId]);

  useEffect(() => {
    if (citizenId) void dispatch(loadCitizen(citizenId));
  }, [dispatch, citizenId]);

  const current = conversation?.id === conversationId ? conversation : null;
  const lastInbound = current ? (current.lastInboundChannel ?? lastInboundOf(timeline, current.id)?.channel ?? null) : null;
  const identities = citizen && citizen.id === citizenId ? citizen.identities : [];
  const queueName = current ? queues.find((q) => q.id === current.queueId)?.name : undefined;
  const citizenName = citizen && citizen.id === citizenId ? citizen.displayName : current?.citizenName;
  // The "@" picker offers those the server would mention: colleagues who may open this conversation.
  const mentionable = useMemo(
    () => (current ? agents.filter((a) => a.id !== viewer.id && canSeeConversation(a, current)) : []),
    [agents, current, viewer.id],
  );
  const pickerContext = useMemo(() => ({ citizenName, agentName: viewer.displayName, queueName }), [citizenName, viewer.displayName, queueName]);

  return (
    <ConversationView
      viewer={viewer}
      agents={agents}
      queues={queues}
      conversationLabels={labels}
      leading={leading}
      actions={actions}
      focusMessageId={focusMessageId}
      citizenLevel={strongestIdentity(identities)}
      composer={
        current ? (
          <>
            {/* A supervisor's whispers to this agent sit just above the reply box, never in the citizen's thread. */}
            <WhisperNotes conversationId={current.id} />
            <Composer
            key={current.id}
            conversationId={current.id}
            identities={identities}
            lastInboundChannel={lastInbound}
            canReply={can(viewer.role, 'message:send')}
            lastWhatsappAt={lastWhatsappInboundAt(timeline)}
            requiredLevel={queues.find((q) => q.id === current.queueId)?.requiredLevel}
            queueName={queueName}
            answerPicker={
              can(viewer.role, 'answers:read')
                ? (slot) => (
                    <Suspense fallback={null}>
                      <AnswerPicker {...slot} context={pickerContext} />
                    </Suspense>
                  )
                : undefined
            }
            citizenId={current.citizenId}
            mentionable={mentionable}
            />
          </>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      }
    />
  );
}
