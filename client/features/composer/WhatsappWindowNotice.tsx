import { useTranslation } from 'react-i18next';
import type { WhatsappWindow } from '../../../shared/whatsapp-window.js';

function hoursMinutes(ms: number): { hours: number; minutes: number } {
  const total = Math.ceil(ms / 60_000);
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/** WhatsApp's 24-hour customer-service window for the reply being written: time left, or closed. */
export function WhatsappWindowNotice({ window: w, id }: { window: WhatsappWindow; id: string }) {
  const { t } = useTranslation();
  if (w.open) {
    const { hours, minutes } = hoursMinutes(w.remainingMs);
    return (
      <p id={id} className={`wa-window${hours < 2 ? ' wa-window--closing' : ''}`} data-testid="whatsapp-window">
        {t('composer.whatsappWindow.open', { hours, minutes })}
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
