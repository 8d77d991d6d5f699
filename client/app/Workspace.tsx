import { lazy, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ConversationId } from '../../shared/ids.js';
import type { Agent } from '../../shared/model.js';
import { InboxPanel } from '../features/inbox/InboxPanel.js';
import { useMediaQuery } from '../ui/useMediaQuery.js';
import { selectAgents, selectQueues } from './directorySlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { citizenPanelToggled, selectPreferences } from './preferencesSlice.js';
import { PageLoader } from './PageLoader.js';

// An open conversation (timeline, e-mail sanitiser, composer) is the inbox's heaviest part and not
// needed to show the list: it is fetched once the list is up and the browser idle, so opening the
// first conversation does not wait for it either.
const loadConversationPane = () => import('./ConversationPane.js');
const ConversationPane = lazy(() => loadConversationPane().then((m) => ({ default: m.ConversationPane })));
// The citizen panel shows only beside an open conversation: fetched with it.
const loadCitizenPanel = () => import('../features/citizen/CitizenPanel.js');
const CitizenPanel = lazy(() => loadCitizenPanel().then((m) => ({ default: m.CitizenPanel })));
const loadOpenConversation = () => Promise.all([loadConversationPane(), loadCitizenPanel()]);

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

/** Three columns from 1280 px, two below (the citizen panel becomes a drawer), one under 768 px. */
export const WIDE = '(min-width: 1280px)';
export const NARROW = '(max-width: 767.98px)';

/**
 * The agent's desk: inbox (nav), conversation (main), citizen (aside), laid out for the screen.
 * - Wide: three columns; the citizen panel can be folded away (a per-browser preference).
 * - Medium: inbox and conversation; the citizen panel opens as a drawer over the conversation.
 * - Narrow (phones, 400 % zoom): one view at a time, the inbox or the conversation (with a back
 *   link), the citizen panel as a full-width drawer. Focus follows the view that opens.
 */
export function Workspace({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { conversationId } = useParams();
  const agents = useAppSelector(selectAgents);
  const queues = useAppSelector(selectQueues);
  const { density, citizenPanel } = useAppSelector(selectPreferences);
  const wide = useMediaQuery(WIDE);
  const narrow = useMediaQuery(NARROW);
  const selected = (conversationId ?? null) as ConversationId | null;
  usePrefetchWhenIdle(loadOpenConversation);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLElement>(null);

  // A drawer belongs to the conversation it was opened on.
  useEffect(() => setDrawerOpen(false), [selected, wide]);
  // One view at a time: the view that replaces the other takes the focus, as a page would.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (narrow) mainRef.current?.focus();
  }, [narrow, selected]);

  const citizenShown = wide ? citizenPanel === 'shown' : drawerOpen;
  const toggleCitizen = () => {
    if (wide) dispatch(citizenPanelToggled());
    else setDrawerOpen((open) => !open);
  };
  useEffect(() => {
    if (!wide && drawerOpen) drawerRef.current?.focus();
  }, [wide, drawerOpen]);
  const closeDrawer = () => {
    setDrawerOpen(false);
    toggleRef.current?.focus();
  };
  const onDrawerKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !wide) closeDrawer();
  };

  const inbox = <InboxPanel viewer={agent} agents={agents} queues={queues} selectedId={selected} density={density} />;
  const layout = wide ? 'wide' : narrow ? 'narrow' : 'medium';
  const classes = [
    'workspace',
    `workspace--${layout}`,
    `workspace--${density}`,
    wide && citizenPanel === 'hidden' ? 'workspace--no-citizen' : '',
    selected ? 'workspace--selected' : '',
  ].filter(Boolean);

  // On a phone without a conversation open, the inbox is the page's main content.
  if (narrow && !selected) {
    return (
      <div className={classes.join(' ')}>
        <main className="workspace__main workspace__main--inbox" id="main" tabIndex={-1} ref={mainRef}>
          <nav className="workspace__inbox" aria-label={t('landmarks.inbox')} id="inbox">
            {inbox}
          </nav>
        </main>
      </div>
    );
  }

  return (
    <div className={classes.join(' ')}>
      {!narrow && (
        <nav className="workspace__inbox" aria-label={t('landmarks.inbox')} id="inbox">
          {inbox}
        </nav>
      )}
      <main className="workspace__main" id="main" tabIndex={-1} ref={mainRef}>
        {selected ? (
          <PageLoader where="region">
            <ConversationPane
              conversationId={selected}
              viewer={agent}
              agents={agents}
              queues={queues}
              leading={
                narrow && (
                  <Link to="/inbox" className="button button--ghost button--small conv-back">
                    <span aria-hidden="true">← </span>
                    {t('layout.backToInbox')}
                  </Link>
                )
              }
              actions={
                <button
                  type="button"
                  ref={toggleRef}
                  className="button button--ghost button--small icon-button"
                  aria-expanded={citizenShown}
                  aria-controls="citizen-panel"
                  title={wide ? t(citizenShown ? 'layout.hideCitizen' : 'layout.showCitizen') : t('layout.citizen')}
                  onClick={toggleCitizen}
                >
                  <PanelIcon />
                  <span className={wide ? 'sr-only' : 'icon-button__label'}>
                    {wide ? t(citizenShown ? 'layout.hideCitizen' : 'layout.showCitizen') : t('layout.citizen')}
                  </span>
                </button>
              }
            />
          </PageLoader>
        ) : (
          <div className="placeholder">
            <h1>{t('conversation.noneTitle')}</h1>
            <p className="muted">{t('conversation.noneHint')}</p>
          </div>
        )}
      </main>
      <aside
        id="citizen-panel"
        ref={drawerRef}
        tabIndex={-1}
        className={`workspace__citizen${wide ? '' : ' workspace__citizen--drawer'}`}
        aria-label={t('landmarks.citizen')}
        hidden={!citizenShown || (!wide && !selected)}
        onKeyDown={onDrawerKey}
      >
        {!wide && (
          <button type="button" className="button button--ghost button--small drawer__close" onClick={closeDrawer}>
            <span aria-hidden="true">✕ </span>
            {t('layout.closeCitizen')}
          </button>
        )}
        {selected ? (
          <PageLoader where="region">
            <CitizenPanel queues={queues} currentConversationId={selected} viewer={agent} agents={agents} />
          </PageLoader>
        ) : (
          <p className="empty">{t('citizen.none')}</p>
        )}
      </aside>
    </div>
  );
}

/** A window with a side panel: the citizen file beside the conversation. */
function PanelIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <line x1="15" y1="4" x2="15" y2="20" />
    </svg>
  );
}
