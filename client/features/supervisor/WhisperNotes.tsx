import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../../shared/ids.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectConnectionStatus } from '../../realtime/connectionSlice.js';
import { formatDateTime } from '../../ui/format.js';
import { selectWhispers } from './boardSelectors.js';
import { loadWhispers } from './supervisorSlice.js';
import './supervisor.css';

/**
 * The agent's side: whispers received for this conversation, styled like internal notes and
 * labelled as the supervisor's. A live region so a whisper arriving mid-reply is heard.
 */
export function WhisperNotes({ conversationId }: { conversationId: ConversationId }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const whispers = useAppSelector((s) => selectWhispers(s, conversationId));
  const connection = useAppSelector(selectConnectionStatus);
  // Read once the socket is live (commands need it), and again after each reconnection.
  useEffect(() => {
    if (connection === 'live') void dispatch(loadWhispers(conversationId));
  }, [dispatch, conversationId, connection]);
  return (
    <section className="whispers" aria-label={t('supervisor.whisper.received')} aria-live="polite" data-testid="whispers">
      {whispers.map((w) => (
        <article key={w.whisperId} className="whisper">
          <header className="whisper__header">
            <strong>{t('supervisor.whisper.entryTitle')}</strong>
            <span className="muted">
              {w.fromName} · <time dateTime={w.at}>{formatDateTime(w.at, i18n.language)}</time>
            </span>
          </header>
          <p className="whisper__text">{w.text}</p>
        </article>
      ))}
    </section>
  );
}
