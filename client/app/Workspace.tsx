import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../shared/ids.js';
import type { Agent } from '../../shared/model.js';
import { CitizenPanel } from '../features/citizen/CitizenPanel.js';
import { InboxPanel } from '../features/inbox/InboxPanel.js';
import { ConversationPane } from './ConversationPane.js';
import { selectAgents, selectQueues } from './directorySlice.js';
import { useAppSelector } from './hooks.js';

/** The agent's desk: inbox (nav), conversation (main), citizen (aside). */
export function Workspace({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const agents = useAppSelector(selectAgents);
  const queues = useAppSelector(selectQueues);
  const selected = (conversationId ?? null) as ConversationId | null;

  return (
    <div className="workspace">
      <nav className="workspace__inbox" aria-label={t('landmarks.inbox')} id="inbox">
        <InboxPanel viewer={agent} agents={agents} queues={queues} selectedId={selected} />
      </nav>
      <main className="workspace__main" id="main" tabIndex={-1}>
        {selected ? (
          <ConversationPane conversationId={selected} viewer={agent} agents={agents} queues={queues} />
        ) : (
          <div className="placeholder">
            <h1>{t('conversation.noneTitle')}</h1>
            <p className="muted">{t('conversation.noneHint')}</p>
          </div>
        )}
      </main>
      <aside className="workspace__citizen" aria-label={t('landmarks.citizen')}>
        {selected ? <CitizenPanel queues={queues} currentConversationId={selected} /> : <p className="empty">{t('citizen.none')}</p>}
      </aside>
    </div>
  );
}
