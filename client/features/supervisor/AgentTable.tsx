import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgentFigures, BoardState } from '../../../shared/board.js';
import type { Agent, Channel } from '../../../shared/model.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { Duration } from '../../ui/Duration.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { AgentStateControl } from './AgentStateControl.js';

export interface AgentTableProps {
  figures: AgentFigures[];
  agents: Agent[];
  board: BoardState;
  monitorPath: (conversationId: string) => string;
  /** Supervisors and admins may put an agent in another state. */
  canChangeState: boolean;
}

// A busy agent may hold dozens of emails: the row shows a few, the rest behind a disclosure.
const SHOWN = 5;

function ConversationLinks({ ids, board, monitorPath }: { ids: string[]; board: BoardState; monitorPath: (id: string) => string }) {
  const { t } = useTranslation();
  const link = (id: string) => {
    const c = board.conversations[id];
    const name = c ? displayText(citizenNameDisplay(c.citizenName, [c.channel]), t) : id;
    return (
      <li key={id}>
        <Link to={monitorPath(id)} aria-label={t('supervisor.monitorNamed', { name })}>
          {name}
        </Link>
      </li>
    );
  };
  // Newest first (ids are time-ordered): the live exchanges are the ones a supervisor listens to.
  const newest = [...ids].reverse();
  return (
    <>
      <ul className="board-links">{newest.slice(0, SHOWN).map(link)}</ul>
      {ids.length > SHOWN && (
        <details className="board-more">
          <summary>{t('supervisor.agents.more', { count: ids.length - SHOWN })}</summary>
          <ul className="board-links">{newest.slice(SHOWN).map(link)}</ul>
        </details>
      )}
    </>
  );
}

export function AgentTable({ figures, agents, board, monitorPath, canChangeState }: AgentTableProps) {
  const { t } = useTranslation();
  const agentOf = (id: string) => agents.find((a) => a.id === id);
  return (
    <table className="board-table" data-testid="board-agents">
      <caption>{t('supervisor.agents.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.agents.agent')}</th>
          <th scope="col">{t('supervisor.agents.state')}</th>
          <th scope="col" className="num">{t('supervisor.agents.inState')}</th>
          <th scope="col">{t('supervisor.agents.load')}</th>
          <th scope="col">{t('supervisor.agents.current')}</th>
          {canChangeState && <th scope="col">{t('supervisor.agents.changeState')}</th>}
        </tr>
      </thead>
      <tbody>
        {figures.map((a) => {
          const load = Object.entries(a.load) as [Channel, number][];
          return (
            <tr key={a.agentId} data-agent={a.agentId}>
              <th scope="row">{agentOf(a.agentId)?.displayName ?? a.agentId}</th>
              <td>
                <span className={`agent-state agent-state--${a.state}`}>{t(`supervisor.state.${a.state}`)}</span>
              </td>
              <td className="num">{a.inStateSec === null ? '—' : <Duration seconds={a.inStateSec} />}</td>
              <td>
                {load.length === 0 ? (
                  <span className="muted">{t('supervisor.agents.idle')}</span>
                ) : (
                  <ul className="board-load">
                    {load.map(([channel, n]) => (
                      <li key={channel}>
                        <ChannelIcon kind={channel} size={14} /> <span>{t(`channel.${channel}`)}</span> <strong>{n}</strong>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {a.conversationIds.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ConversationLinks ids={a.conversationIds} board={board} monitorPath={monitorPath} />
                )}
              </td>
              {canChangeState && (
                <td>
                  <AgentStateControl key={a.state} agentId={a.agentId} agentName={agentOf(a.agentId)?.displayName ?? a.agentId} current={a.state} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
