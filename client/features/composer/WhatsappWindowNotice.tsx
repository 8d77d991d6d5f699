import { useTranslation } from 'react-i18next';
import type { WhatsappWindow } from '../../../shared/whatsapp-window.js';
import { formatDuration } from '../../ui/duration.js';

/** WhatsApp's 24-hour customer-service window for the reply being written: time left, or closed. */
export function WhatsappWindowNotice({ window: w, id }: { window: WhatsappWindow; id: string }) {
  const { t, i18n } = useTranslation();
  if (w.open) {
    // Truncated like every duration: the agent is never promised a minute the window does not have.
    const duration = formatDuration(w.remainingMs / 1000, i18n.language, { smallest: 'minute' });
    return (
      <p id={id} className={`wa-window${w.remainingMs < 2 * 3_600_000 ? ' wa-window--closing' : ''}`} data-testid="whatsapp-window">
        {t('composer.whatsappWindow.open', { duration })}
      </p>
    );
  }
  return (
    <p id={id} className="wa-window wa-window--closed" data-testid="whatsapp-window">
      <span aria-hidden="true">⚠ </span>
      {w.closesAt ? t('composer.whatsappWindow.closed') : t('composer.whatsappWindow.never')}
    </p>
  );
}
