import { useTranslation } from 'react-i18next';
import { formatDuration, isoDuration } from './duration.js';
import { waitingLevel } from './format.js';

/** Badges refresh every 30 s: minutes are the finest unit they can tell without lying. */
const WAIT = { smallest: 'minute' } as const;

/**
 * "attend depuis 12 min"; the level is shown by an icon and weight as well as colour. `compact`
 * (inbox rows): the duration alone is visible. Screen readers get the sentence with the units in
 * words ("attend depuis 2 heures et 15 minutes"), also the tooltip of a compact badge.
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
  const { t, i18n } = useTranslation();
  const seconds = (now - Date.parse(since)) / 1000;
  const short = formatDuration(seconds, i18n.language, WAIT);
  const sentence = t('waiting.label', { duration: formatDuration(seconds, i18n.language, { ...WAIT, style: 'long' }) });
  return (
    <span className={`waiting-badge waiting-badge--${level}`} title={compact ? sentence : undefined}>
      {level !== 'normal' && (
        <span aria-hidden="true" className="waiting-badge__mark">
          {level === 'late' ? '!!' : '!'}
        </span>
      )}
      <time aria-hidden="true" dateTime={isoDuration(seconds, WAIT)}>
        {compact ? short : t('waiting.label', { duration: short })}
      </time>
      <span className="sr-only">{sentence}</span>
      {level === 'late' && <span className="sr-only"> {t('waiting.late')}</span>}
    </span>
  );
}
