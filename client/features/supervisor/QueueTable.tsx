import { useTranslation } from 'react-i18next';
import type { QueueFigures } from '../../../shared/board.js';
import type { Queue } from '../../../shared/model.js';
import { Duration } from '../../ui/Duration.js';

export function QueueTable({ figures, queues }: { figures: QueueFigures[]; queues: Queue[] }) {
  const { t, i18n } = useTranslation();
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const name = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  return (
    <table className="board-table" data-testid="board-queues">
      <caption>{t('supervisor.queues.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.queues.queue')}</th>
          <th scope="col" className="num">{t('supervisor.queues.waiting')}</th>
          <th scope="col" className="num">{t('supervisor.queues.oldestWait')}</th>
          <th scope="col" className="num">{t('supervisor.queues.overdue')}</th>
          <th scope="col" className="num">{t('supervisor.queues.dueSoon')}</th>
          <th scope="col" className="num">{t('supervisor.queues.inProgress')}</th>
          <th scope="col" className="num">{t('supervisor.queues.attainment')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((q) => (
          <tr key={q.queueId} data-queue={q.queueId}>
            <th scope="row">{name(q.queueId)}</th>
            <td className="num" data-figure="waiting">
              <span className={q.waiting > 0 ? 'board-count board-count--hot' : 'board-count'}>{q.waiting}</span>
            </td>
            <td className="num" data-figure="oldest-wait">{q.waiting > 0 ? <Duration seconds={q.oldestWaitSec} /> : '—'}</td>
            <td className="num" data-figure="overdue">
              <span className={q.overdue > 0 ? 'board-count board-count--late' : 'board-count'}>{q.overdue}</span>
            </td>
            <td className="num" data-figure="due-soon">
              <span className={q.dueSoon > 0 ? 'board-count board-count--hot' : 'board-count'}>{q.dueSoon}</span>
            </td>
            <td className="num" data-figure="in-progress">{q.inProgress}</td>
            <td className="num" data-figure="attainment">
              {q.attainment === null ? (
                <span className="muted">{t('supervisor.queues.noMeasure')}</span>
              ) : (
                <>
                  {pct.format(q.attainment)}{' '}
                  <span className="muted">{t('supervisor.queues.attainmentDetail', { met: q.metToday, total: q.metToday + q.breachedToday })}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
