import { refusalText } from '../../ui/errorText.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoardConversation } from '../../../shared/board.js';
import type { AgentId, ConversationId } from '../../../shared/ids.js';
import type { Agent, Queue } from '../../../shared/model.js';
import { useAppDispatch } from '../../app/hooks.js';
import { assignConversation } from '../../realtime/commands.js';
import { Duration } from '../../ui/Duration.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';

export interface WaitingTableProps {
  conversations: BoardConversation[];
  agents: Agent[];
  queues: Queue[];
  nowMs: number;
  monitorPath: (conversationId: string) => string;
}

/** Assigns (or reassigns) one conversation from the board; the board updates from the push. */
export function AssignControl({ conversationId, current, agents }: { conversationId: ConversationId; current: AgentId | null; agents: Agent[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [choice, setChoice] = useState<string>(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const selectId = `assign-${conversationId}`;
  const submit = async () => {
    setError(null);
    const result = await dispatch(assignConversation({ conversationId, assigneeId: choice === '' ? null : (choice as AgentId) })).unwrap();
    if (!result.ok) setError(refusalText(t, result.error));
  };
  return (
    <form
      className="board-assign"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={selectId} className="sr-only">
        {t('supervisor.assignTo')}
      </label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t('supervisor.nobody')}</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.displayName}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {current ? t('supervisor.reassign') : t('supervisor.assign')}
      </button>
      {error && (
        <span role="alert" className="board-error">
          {error}
        </span>
      )}
    </form>
  );
}

export function WaitingTable({ conversations, agents, queues, nowMs, monitorPath }: WaitingTableProps) {
  const { t } = useTranslation();
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  return (
    <table className="board-table" data-testid="board-waiting">
      <caption>{t('supervisor.waiting.caption', { count: conversations.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.waiting.citizen')}</th>
          <th scope="col">{t('supervisor.queues.queue')}</th>
          <th scope="col">{t('supervisor.waiting.channel')}</th>
          <th scope="col" className="num">{t('supervisor.waiting.wait')}</th>
          <th scope="col">{t('supervisor.waiting.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {conversations.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {t('supervisor.waiting.none')}
            </td>
          </tr>
        )}
        {conversations.map((c) => {
          const name = displayText(citizenNameDisplay(c.citizenName, [c.channel]), t);
          return (
            <tr key={c.id}>
              <th scope="row">{name}</th>
              <td>{queueName(c.queueId)}</td>
              <td>{t(`channel.${c.channel}`)}</td>
              <td className="num">
                <Duration seconds={(nowMs - Date.parse(c.waitingSince ?? c.openedAt)) / 1000} />
              </td>
              <td className="board-actions">
                <Link to={monitorPath(c.id)} className="button button--ghost button--small" aria-label={t('supervisor.monitorNamed', { name })}>
                  {t('supervisor.monitor')}
                </Link>
                <AssignControl conversationId={c.id} current={c.assigneeId} agents={agents} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
