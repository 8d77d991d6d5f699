import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { formatDateTime } from '../../ui/format.js';
import { markMentionsRead, selectMentions } from './mentionsSlice.js';

/**
 * The header's bell: how many colleagues' notes mention me unread, and the list of them (newest
 * first). A disclosure, not a menu: its panel holds links and a button, reached with Tab; Escape
 * or a click outside closes it and gives the focus back to the bell.
 */
export function MentionBell() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { items, unread } = useAppSelector(selectMentions);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="mention-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button--ghost button--small mention-bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="mention-bell__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
        </svg>
        <span className="sr-only">{t('mentions.bell', { count: unread })}</span>
        {unread > 0 && (
          <span className="mention-bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="mention-bell__panel" aria-labelledby={`${panelId}-title`}>
          <div className="mention-bell__head">
            <h2 id={`${panelId}-title`} className="mention-bell__title">
              {t('mentions.title')}
            </h2>
            {unread > 0 && (
              <button type="button" className="button button--ghost button--small" onClick={() => void dispatch(markMentionsRead({}))}>
                {t('mentions.markAll')}
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p className="mention-bell__empty">{t('mentions.none')}</p>
          ) : (
            <ul className="mention-bell__list">
              {items.map((m) => (
                <li key={m.conversationId} className={m.unread ? 'mention-bell__item is-unread' : 'mention-bell__item'}>
                  <Link
                    to={`/inbox/${encodeURIComponent(m.conversationId)}`}
                    onClick={() => {
                      setOpen(false);
                      if (m.unread) void dispatch(markMentionsRead({ conversationId: m.conversationId }));
                    }}
                  >
                    <span className="mention-bell__who">
                      {m.unread && <span className="sr-only">{t('mentions.unread')} </span>}
                      {t('mentions.by', { name: m.by.name || t('mentions.someone'), citizen: displayText(citizenNameDisplay(m.citizenName, []), t) })}
                    </span>
                    <span className="mention-bell__excerpt">{m.excerpt}</span>
                    <time className="mention-bell__at" dateTime={m.at}>
                      {formatDateTime(m.at, i18n.language)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
