import './pageWords.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ConversationId } from '../../shared/ids.js';
import type { Agent } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import { ConversationView } from '../features/conversation/ConversationView.js';
import { selectConversationState } from '../features/conversation/conversationSelectors.js';
import { openConversation } from '../features/conversation/conversationSlice.js';
import { SupervisorBoard } from '../features/supervisor/SupervisorBoard.js';
import { monitoringStarted, monitoringStopped } from '../features/supervisor/supervisorSlice.js';
import { WhisperForm } from '../features/supervisor/WhisperForm.js';
import { unwatchConversation, watchConversation } from '../realtime/actions.js';
import { selectAgents, selectQueues } from './directorySlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';

// The supervisor's floor: the live board at /supervisor, and silent monitoring of one live
// conversation at /supervisor/:conversationId (board stays beside it). Composes the supervisor
// feature (board, whisper) with the conversation feature (the read-only conversation).

const monitorPath = (id: string) => `/supervisor/${encodeURIComponent(id)}`;

function MonitorPane({ conversationId, viewer, agents }: { conversationId: ConversationId; viewer: Agent; agents: Agent[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const queues = useAppSelector(selectQueues);
  const { conversation } = useAppSelector(selectConversationState);

  useEffect(() => {
    // Monitoring first: the listeners that mark an opened conversation read look for it.
    dispatch(monitoringStarted(conversationId));
    void dispatch(openConversation(conversationId));
    dispatch(watchConversation(conversationId));
    return () => {
      dispatch(unwatchConversation(conversationId));
      dispatch(monitoringStopped());
    };
  }, [dispatch, conversationId]);

  const current = conversation?.id === conversationId ? conversation : null;
  const assignee = current?.assigneeId ? (agents.find((a) => a.id === current.assigneeId)?.displayName ?? current.assigneeId) : null;
  return (
    <section className="monitor" aria-labelledby="monitor-title" data-testid="monitor">
      <div className="monitor__banner">
        <p id="monitor-title">
          <strong>{t('supervisor.monitoring.title')}</strong> — {t('supervisor.monitoring.hint')}
        </p>
        <Link to="/supervisor" className="button button--ghost button--small">
          {t('supervisor.monitoring.close')}
        </Link>
      </div>
      <ConversationView
        viewer={viewer}
        agents={agents}
        queues={queues}
        conversationLabels={{}}
        readOnly
        composer={current ? <WhisperForm key={current.id} conversationId={current.id} assigneeName={assignee} /> : <p className="muted">{t('common.loading')}</p>}
      />
    </section>
  );
}

export function SupervisorPage({ viewer }: { viewer: Agent }) {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const agents = useAppSelector(selectAgents);
  const queues = useAppSelector(selectQueues);
  const monitored = (conversationId ?? null) as ConversationId | null;
  return (
    <main id="main" className="supervisor-page" tabIndex={-1}>
      <h1>{t('supervisor.title')}</h1>
      <div className={monitored ? 'supervisor-page__layout supervisor-page__layout--monitoring' : 'supervisor-page__layout'}>
        <SupervisorBoard queues={queues} agents={agents} monitorPath={monitorPath} canChangeState={can(viewer.role, 'agent:set-state')} />
        {monitored && <MonitorPane conversationId={monitored} viewer={viewer} agents={agents} />}
      </div>
    </main>
  );
}
