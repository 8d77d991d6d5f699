import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { selectCitizenTypingAt } from './conversationSelectors.js';

/** The widget repeats "typing" every few seconds: without news for this long, they stopped. */
const SHOWN_MS = 6000;

/**
 * "<citizen> is typing…" under the timeline of a web-chat conversation. A polite status region,
 * always rendered so that screen readers hear it appear without losing their place.
 */
export function CitizenTyping({ name }: { name: string }) {
  const { t } = useTranslation();
  const at = useAppSelector(selectCitizenTypingAt);
  const [, expire] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const timer = setTimeout(() => expire((n) => n + 1), Math.max(0, at + SHOWN_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [at]);
  const typing = at !== null && Date.now() - at < SHOWN_MS;
  return (
    <p className="citizen-typing" role="status" data-testid="citizen-typing">
      {typing ? t('conversation.citizenTyping', { name }) : ''}
    </p>
  );
}
