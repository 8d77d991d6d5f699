import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentId, QueueId } from '../../../shared/ids.js';
import type { Agent, Queue } from '../../../shared/model.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectConnectionStatus } from '../../realtime/connectionSlice.js';
import { useNow } from '../../ui/useNow.js';
import { AgentTable } from './AgentTable.js';
import { figuresOf, selectBoard, selectBoardStale, selectBoardStatus, waitingConversations } from './boardSelectors.js';
import { QueueTable } from './QueueTable.js';
import { RoutingRules } from './RoutingRules.js';
import { loadBoard } from './supervisorSlice.js';
import { WaitingTable } from './WaitingTable.js';
import './supervisor.css';

export interface SupervisorBoardProps {
  queues: Queue[];
  agents: Agent[];
  monitorPath: (conversationId: string) => string;
  canChangeState: boolean;
}

/** Staff who take conversations: the board's rows, whether or not they hold anything now. */
const takesConversations = (a: Agent) => a.role === 'agent' || a.role === 'supervisor';

export function SupervisorBoard({ queues, agents, monitorPath, canChangeState }: SupervisorBoardProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const board = useAppSelector(selectBoard);
  const status = useAppSelector(selectBoardStatus);
  const connection = useAppSelector(selectConnectionStatus);
  const nowMs = useNow(1000);

  // A snapshot on each (re)connection: pushes missed while away are in it, later ones fold on top.
  useEffect(() => {
    if (connection === 'live') void dispatch(loadBoard());
  }, [dispatch, connection]);
  const stale = useAppSelector(selectBoardStale);
  useEffect(() => {
    if (stale && connection === 'live') void dispatch(loadBoard());
  }, [dispatch, stale, connection]);

  const staff = useMemo(() => agents.filter(takesConversations), [agents]);
  const queueIds = useMemo(() => queues.map((q) => q.id as QueueId), [queues]);
  const agentIds = useMemo(() => staff.map((a) => a.id as AgentId), [staff]);
  const figures = useMemo(() => (board ? figuresOf(board, new Date(nowMs), queueIds, agentIds) : null), [board, nowMs, queueIds, agentIds]);
  const waiting = useMemo(() => (board ? waitingConversations(board) : []), [board]);

  // Announce changes of the waiting counts (not the ticking waits) to screen readers.
  const summary = figures ? figures.queues.map((q) => `${queues.find((x) => x.id === q.queueId)?.name ?? q.queueId} ${q.waiting}`).join(', ') : '';
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (!figures) return;
    if (previous.current !== null && previous.current !== summary) setAnnouncement(t('supervisor.announce', { summary }));
    previous.current = summary;
  }, [summary, figures, t]);

  if (!board || !figures) {
    return (
      <p className="muted" role="status">
        {status === 'error' ? t('supervisor.loadError') : t('common.loading')}
      </p>
    );
  }
  return (
    <div className="board">
      <p className="sr-only" role="status" aria-live="polite" data-testid="board-announcer">
        {announcement}
      </p>
      {/* Each section scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it. */}
      <section aria-labelledby="board-queues-title" className="board-section" tabIndex={0}>
        <h2 id="board-queues-title">{t('supervisor.queues.title')}</h2>
        <QueueTable figures={figures.queues} queues={queues} />
      </section>
      <section aria-labelledby="board-waiting-title" className="board-section" tabIndex={0}>
        <h2 id="board-waiting-title">{t('supervisor.waiting.title')}</h2>
        <WaitingTable conversations={waiting} agents={staff} queues={queues} nowMs={nowMs} monitorPath={monitorPath} />
      </section>
      <section aria-labelledby="board-agents-title" className="board-section" tabIndex={0}>
        <h2 id="board-agents-title">{t('supervisor.agents.title')}</h2>
        <AgentTable figures={figures.agents} agents={staff} board={board} monitorPath={monitorPath} canChangeState={canChangeState} />
      </section>
      <RoutingRules queues={queues} agents={staff} />
    </div>
  );
}
