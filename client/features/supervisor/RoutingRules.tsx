import { useTranslation } from 'react-i18next';
import { capacityOf } from '../../../shared/capacity.js';
import { CHANNELS } from '../../../shared/constants.js';
import type { Agent, Channel, Queue } from '../../../shared/model.js';
import { formatDuration } from '../../ui/duration.js';

/**
 * The rules the board's figures follow, read-only (they come from ROUTING_FILE): per queue, how
 * conversations are routed and the targets counted; per agent, queues, skills and capacities.
 * Behind a disclosure: a supervisor checks them now and then, the live figures come first.
 */
export function RoutingRules({ queues, agents }: { queues: Queue[]; agents: Agent[] }) {
  const { t, i18n } = useTranslation();
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  const channels = (list: readonly Channel[] | undefined) => (list && list.length > 0 ? list.map((c) => t(`channel.${c}`)).join(', ') : t('supervisor.rules.allChannels'));
  // Business minutes: hours at most, since a business day is not 24 hours ("37 h 30 min", never "1 j 13 h").
  const duration = (n: number | undefined) => (n === undefined ? '—' : formatDuration(n * 60, i18n.language, { smallest: 'minute', largest: 'hour' }));
  // Channels with the same targets on one line.
  const targets = (q: Queue) => {
    const groups = new Map<string, { label: string[]; first?: number | undefined; resolution?: number | undefined }>();
    for (const [channel, level] of Object.entries(q.serviceLevels ?? {})) {
      const key = `${level.firstResponseMinutes ?? ''}|${level.resolutionMinutes ?? ''}`;
      const group = groups.get(key) ?? { label: [], first: level.firstResponseMinutes, resolution: level.resolutionMinutes };
      group.label.push(channel === 'default' ? t('supervisor.rules.otherChannels') : t(`channel.${channel}`));
      groups.set(key, group);
    }
    if (groups.size === 0) return <span className="muted">{t('supervisor.rules.noTarget')}</span>;
    return (
      <ul className="board-rules__targets">
        {[...groups.entries()].map(([key, g]) => (
          <li key={key}>
            {t('supervisor.rules.target', { channels: g.label.join(', '), time: duration(g.first) })}
            {g.resolution !== undefined && t('supervisor.rules.resolutionTarget', { time: duration(g.resolution) })}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <details className="board-rules" data-testid="routing-rules">
      <summary>{t('supervisor.rules.title')}</summary>
      <p className="muted">{t('supervisor.rules.intro')}</p>
      <table className="board-table">
        <caption>{t('supervisor.rules.queuesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervisor.queues.queue')}</th>
            <th scope="col">{t('supervisor.rules.channels')}</th>
            <th scope="col">{t('supervisor.rules.assignment')}</th>
            <th scope="col">{t('supervisor.rules.skill')}</th>
            <th scope="col">{t('supervisor.rules.calendar')}</th>
            <th scope="col">{t('supervisor.rules.targets')}</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.id}>
              <th scope="row">{q.name}</th>
              <td>{channels(q.channels)}</td>
              <td>
                {q.assignment
                  ? t(`supervisor.rules.strategy.${q.assignment.strategy}`, { seconds: q.assignment.offerTimeoutSec })
                  : t('supervisor.rules.manual')}
              </td>
              <td>{q.requiredSkill ?? '—'}</td>
              <td>{q.calendarId ?? t('supervisor.rules.alwaysOpen')}</td>
              <td>{targets(q)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="board-table">
        <caption>{t('supervisor.rules.agentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervisor.agents.agent')}</th>
            <th scope="col">{t('supervisor.rules.queues')}</th>
            <th scope="col">{t('supervisor.rules.skills')}</th>
            <th scope="col">{t('supervisor.rules.capacity')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.displayName}</th>
              <td>{a.queueIds.length > 0 ? a.queueIds.map(queueName).join(', ') : '—'}</td>
              <td>{a.skills && a.skills.length > 0 ? a.skills.join(', ') : '—'}</td>
              <td>{CHANNELS.map((c) => `${t(`channel.${c}`)} ${capacityOf(a, c)}`).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
