import '../../ui/pages.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelStatus } from '../../../shared/staff.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { errorText } from '../../ui/errorText.js';
import { formatDateTime } from '../../ui/format.js';
import { listChannels } from './adminApi.js';

/** Each channel's state, as its module describes it: never a secret. */
export function ChannelsAdmin() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ChannelStatus[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    listChannels().then(setItems, (err: unknown) => setError(errorText(t, err)));
  }, [t]);
  const yes = (on: boolean) => (on ? t('admin.channels.on') : t('admin.channels.off'));
  return (
    <section aria-labelledby="channels-title" className="admin-section">
      <h2 id="channels-title">{t('admin.channels.title')}</h2>
      <p className="muted">{t('admin.channels.help')}</p>
      {error && <p role="alert">{error}</p>}
      {!items ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table admin-table" data-testid="channels-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.channels.channel')}</th>
                <th scope="col">{t('admin.channels.receiving')}</th>
                <th scope="col">{t('admin.channels.sending')}</th>
                <th scope="col">{t('admin.channels.webhook')}</th>
                <th scope="col">{t('admin.channels.lastIn')}</th>
                <th scope="col">{t('admin.channels.lastError')}</th>
                <th scope="col">{t('admin.channels.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">
                    <ChannelIcon kind={c.channel as never} /> {t(`channel.${c.channel}`)}
                  </th>
                  <td>{yes(c.receiving)}</td>
                  <td>{yes(c.sending)}</td>
                  <td>{c.webhookUrl ? <code>{c.webhookUrl}</code> : '—'}</td>
                  <td>{c.lastInboundAt ? formatDateTime(c.lastInboundAt, i18n.language, Date.now()) : t('admin.channels.none')}</td>
                  <td>{c.lastError ? `${formatDateTime(c.lastError.at, i18n.language, Date.now())} — ${c.lastError.reason}` : t('admin.channels.none')}</td>
                  <td>
                    <ul className="plain-list">
                      {c.notes.map((n) => (
                        <li key={n}>{n}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
