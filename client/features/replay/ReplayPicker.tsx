import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHANNELS } from '../../../shared/constants.js';
import type { Channel, Queue } from '../../../shared/model.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ChannelBadge } from '../../ui/ChannelIcon.js';
import { formatDateTime } from '../../ui/format.js';
import {
  loadPickerPage,
  pickerChannelChanged,
  pickerMultiChannelToggled,
  pickerQueryChanged,
  selectPicker,
  selectPickerItems,
} from './replayPickerSlice.js';
import './replay.css';

/** Conversations to replay, masked; a search only matches what stays visible once masked. */
export function ReplayPicker({ queues }: { queues: readonly Queue[] }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const picker = useAppSelector(selectPicker);
  const items = useAppSelector(selectPickerItems);

  useEffect(() => {
    if (picker.status === 'idle') void dispatch(loadPickerPage({ reset: true }));
  }, [dispatch, picker.status]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    void dispatch(loadPickerPage({ reset: true }));
  };

  return (
    <div className="replay-picker">
      <h1>{t('replay.picker.title')}</h1>
      <p className="muted">{t('replay.picker.intro')}</p>
      <form className="replay-picker__filters" onSubmit={search} role="search" aria-label={t('replay.picker.searchLabel')}>
        <div className="field">
          <label htmlFor="replay-search">{t('replay.picker.search')}</label>
          <input id="replay-search" type="search" value={picker.q} maxLength={200} onChange={(e) => dispatch(pickerQueryChanged(e.target.value))} placeholder={t('replay.picker.placeholder')} />
        </div>
        <div className="field">
          <label htmlFor="replay-channel">{t('inbox.channel')}</label>
          <select id="replay-channel" value={picker.channel} onChange={(e) => dispatch(pickerChannelChanged(e.target.value as Channel | ''))}>
            <option value="">{t('inbox.allChannels')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--checkbox">
          <input id="replay-multi" type="checkbox" checked={picker.multiChannelOnly} onChange={(e) => dispatch(pickerMultiChannelToggled(e.target.checked))} />
          <label htmlFor="replay-multi">{t('replay.picker.multiChannel')}</label>
        </div>
        <button type="submit" className="button button--primary">
          {t('replay.picker.submit')}
        </button>
      </form>
      {picker.status === 'error' && (
        <p role="alert" className="inline-error">
          {t('replay.picker.error')}
        </p>
      )}
      <p className="muted" role="status">
        {picker.status === 'loading' ? t('common.loading') : t('replay.picker.count', { count: items.length })}
      </p>
      <ul className="replay-picker__list" data-testid="replay-picker">
        {items.map((item) => (
          <li key={item.conversationId} className="replay-row" data-testid="replay-row" data-conversation-id={item.conversationId}>
            <div className="replay-row__main">
              <p className="replay-row__subject">{item.subject ?? t('replay.untitled')}</p>
              {item.preview && <p className="replay-row__preview">{item.preview}</p>}
              <p className="replay-row__meta muted">
                {item.citizenLabel} · {queues.find((q) => q.id === item.queueId)?.name ?? item.queueId} · {t(`status.${item.status}`)} ·{' '}
                {t('replay.picker.messages', { count: item.messageCount })} · {formatDateTime(item.lastActivityAt, i18n.language)}
              </p>
              <p className="replay-row__channels">
                {item.channels.map((c) => (
                  <ChannelBadge key={c} channel={c} />
                ))}
              </p>
            </div>
            <div className="replay-row__actions">
              <Link className="button button--small button--primary" to={`/replay/conversation/${encodeURIComponent(item.conversationId)}`}>
                {t('replay.picker.play')}
                <span className="sr-only"> : {item.subject ?? t('replay.untitled')}</span>
              </Link>
              <Link className="button button--small" to={`/replay/citizen/${encodeURIComponent(item.citizenId)}`}>
                {t('replay.picker.history')}
                <span className="sr-only"> : {item.subject ?? t('replay.untitled')}</span>
              </Link>
            </div>
          </li>
        ))}
      </ul>
      {picker.nextCursor && (
        <button type="button" className="button" onClick={() => void dispatch(loadPickerPage({ reset: false }))} disabled={picker.status === 'loading'}>
          {t('replay.picker.more')}
        </button>
      )}
    </div>
  );
}
