import { useTranslation } from 'react-i18next';
import { waitingLevel, waitingParts } from './format.js';

/** "attend depuis 12 min"; the level is shown by an icon and weight as well as colour. */
export function WaitingBadge({ since, now }: { since: string; now: number }) {
  const { t } = useTranslation();
  const parts = waitingParts(since, now);
  const duration =
    parts.unit === 'lessThanMinute'
      ? t('waiting.lessThanMinute')
      : parts.unit === 'minutes'
        ? t('waiting.minutes', { count: parts.minutes })
        : parts.unit === 'hours'
          ? t('waiting.hours', { hours: parts.hours, minutes: parts.minutes })
          : t('waiting.days', { count: parts.days });
  const level = waitingLevel(since, now);
  return (
    <span className={`waiting-badge waiting-badge--${level}`}>
      {level !== 'normal' && (
        <span aria-hidden="true" className="waiting-badge__mark">
          {level === 'late' ? '!!' : '!'}
        </span>
      )}
      {t('waiting.label', { duration })}
      {level === 'late' && <span className="sr-only"> {t('waiting.late')}</span>}
    </span>
  );
}
