import '../../ui/pages.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errorText.js';
import { formatDateTime } from '../../ui/format.js';
import { routingHistory, type SetupChange } from './adminApi.js';

/** The last versions of the routing setup: when, who (or which file), what. */
export function RoutingHistory() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<SetupChange[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    routingHistory().then(setItems, (err: unknown) => setError(errorText(t, err)));
  }, [t]);
  return (
    <section aria-labelledby="history-title" className="admin-section">
      <h2 id="history-title">{t('admin.history.title')}</h2>
      {error && <p role="alert">{error}</p>}
      {!items ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('admin.history.empty')}</p>
      ) : (
        <table className="board-table admin-table" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.history.version')}</th>
              <th scope="col">{t('admin.history.when')}</th>
              <th scope="col">{t('admin.history.who')}</th>
              <th scope="col">{t('admin.history.what')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.version}>
                <th scope="row">{c.version}</th>
                <td>{formatDateTime(c.at, i18n.language, Date.now())}</td>
                <td>{c.by.name}</td>
                <td>{c.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
