import { lazy, useEffect } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../shared/ids.js';
import type { Agent } from '../../shared/model.js';
import { CitizenPanel } from '../features/citizen/CitizenPanel.js';
import { InboxPanel } from '../features/inbox/InboxPanel.js';
import { selectAgents, selectQueues } from './directorySlice.js';
import { useAppSelector } from './hooks.js';
import { PageLoader } from './PageLoader.js';

// An open conversation (timeline, e-mail sanitiser, composer) is the inbox's heaviest part and not
// needed to show the list: it is fetched once the list is up and the browser idle, so opening the
// first conversation does not wait for it either.
const loadConversationPane = () => import('./ConversationPane.js');
const ConversationPane = lazy(() => loadConversationPane().then((m) => ({ default: m.ConversationPane })));

function usePrefetchWhenIdle(load: () => Promise<unknown>): void {
  useEffect(() => {
    const prefetch = () => void load().catch(() => {});
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(prefetch, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(prefetch, 200);
    return () => clearTimeout(timer);
  }, [load]);
}

/** The agent's desk: inbox (nav), conversation (main), citizen (aside). */
export function Workspace({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const agents = useAppSelector(selectAgents);
  const queues = useAppSelector(selectQueues);
  const selected = (conversationId ?? null) as ConversationId | null;
  usePrefetchWhenIdle(loadConversationPane);

  return (
    <div className="workspace">
      <nav className="workspace__inbox" aria-label={t('landmarks.inbox')} id="inbox">
        <InboxPanel viewer={agent} agents={agents} queues={queues} selectedId={selected} />
      </nav>
      <main className="workspace__main" id="main" tabIndex={-1}>
        {selected ? (
          <PageLoader where="region">
            <ConversationPane conversationId={selected} viewer={agent} agents={agents} queues={queues} />
          </PageLoader>
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
