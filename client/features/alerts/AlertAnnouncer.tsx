import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { describeAlert } from './alertText.js';
import { selectLatestAlert } from './alertsSlice.js';

/**
 * The one live region for new work. Its text changes only when an alert is raised (keyed by the
 * alert's journal seq), so a screen reader hears each alert once, never on a countdown's repaint.
 */
export function AlertAnnouncer() {
  const { t } = useTranslation();
  const alert = useAppSelector(selectLatestAlert);
  const words = alert ? describeAlert(alert, t) : null;
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="alert-announcer">
      {words && <span key={alert!.id}>{t('alerts.announce', { title: words.title, body: words.body })}</span>}
    </div>
  );
}
