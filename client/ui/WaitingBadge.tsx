import { useTranslation } from 'react-i18next';
import { waitingLevel, waitingParts } from './format.js';

/**
 * "attend depuis 12 min"; the level is shown by an icon and weight as well as colour. `compact`
 * (inbox rows): the duration alone is visible, the sentence is for screen readers and the tooltip.
 */
export function WaitingBadge({
  since,
  now,
  compact = false,
  level = waitingLevel(since, now),
}: {
  since: string;
  now: number;
  compact?: boolean;
  /** The severity when the caller knows better (the conversation's deadline, its channel). */
  level?: 'normal' | 'warning' | 'late';
}) {
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
  const sentence = t('waiting.label', { duration });
  return (
    <span className={`waiting-badge waiting-badge--${level}`} title={compact ? sentence : undefined}>
      {level !== 'normal' && (
        <span aria-hidden="true" className="waiting-badge__mark">
          {level === 'late' ? '!!' : '!'}
        </span>
      )}
      {compact ? (
        <>
          <span aria-hidden="true">{duration}</span>
          <span className="sr-only">{sentence}</span>
        </>
      ) : (
        sentence
      )}
      {level === 'late' && <span className="sr-only"> {t('waiting.late')}</span>}
    </span>
  );
}
