import { useTranslation } from 'react-i18next';
import type { QueueId } from '../../../shared/ids.js';
import type { Channel, ConversationStatus, Queue } from '../../../shared/model.js';
import { CHANNELS } from '../../../shared/constants.js';
import { StatusOptions } from '../../ui/StatusOptions.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectInboxFilters } from './inboxSelectors.js';
import { filtersChanged, type InboxScope } from './inboxSlice.js';

const SCOPES: InboxScope[] = ['all', 'mine', 'unassigned', 'mentions'];

export function InboxFilters({ queues }: { queues: Queue[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const filters = useAppSelector(selectInboxFilters);

  return (
    <form className="inbox-filters" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="segmented">
        <legend className="sr-only">{t('inbox.scope.legend')}</legend>
        {SCOPES.map((scope) => (
          <label key={scope} className={filters.scope === scope ? 'segmented__item is-checked' : 'segmented__item'}>
            <input
              type="radio"
              name="inbox-scope"
              value={scope}
              checked={filters.scope === scope}
              onChange={() => dispatch(filtersChanged({ scope }))}
            />
            <span>{t(`inbox.scope.${scope}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="inbox-filters__row">
        <div className="field field--compact">
          <label htmlFor="filter-queue">{t('inbox.queue')}</label>
          <select
            id="filter-queue"
            value={filters.queueId ?? ''}
            onChange={(e) => dispatch(filtersChanged({ queueId: (e.target.value || null) as QueueId | null }))}
          >
            <option value="">{t('inbox.allQueues')}</option>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="filter-status">{t('inbox.status')}</label>
          <select
            id="filter-status"
            value={filters.status ?? ''}
            onChange={(e) =>
              dispatch(filtersChanged({ status: (e.target.value || null) as ConversationStatus | null }))
            }
          >
            <option value="">{t('inbox.allStatuses')}</option>
            <StatusOptions />
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="filter-channel">{t('inbox.channel')}</label>
          <select
            id="filter-channel"
            value={filters.channel ?? ''}
            onChange={(e) => dispatch(filtersChanged({ channel: (e.target.value || null) as Channel | null }))}
          >
            <option value="">{t('inbox.allChannels')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </form>
  );
}
