import { useTranslation } from 'react-i18next';
import { formatDuration, isoDuration, type DurationOptions } from './duration.js';

/**
 * A length of time on screen: the short form for the eye ("3 min 14 s"), the words for screen
 * readers ("3 minutes et 14 secondes", since "min" and "s" are read letter by letter by some), and
 * the machine value in `dateTime`.
 */
export function Duration({ seconds, options }: { seconds: number; options?: Omit<DurationOptions, 'style'> }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={isoDuration(seconds, options)}>
      <span aria-hidden="true">{formatDuration(seconds, i18n.language, options)}</span>
      <span className="sr-only">{formatDuration(seconds, i18n.language, { ...options, style: 'long' })}</span>
    </time>
  );
}
