import { QUOTES_PROVIDER } from '../../../shared/delivery-failures.js';
import { memo, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Message } from '../../../shared/model.js';
import { isSafeLink } from '../../../shared/links.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { CallSummary } from './CallSummary.js';
import { formatDuration, isoDuration } from '../../ui/duration.js';
import { formatDateTime } from '../../ui/format.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { splitQuotedHtml, splitQuotedText } from './quotedHistory.js';
import { sanitizeEmailHtml } from './sanitizeEmail.js';

export interface TimelineEntryProps {
  message: Message;
  /** True when the message belongs to another conversation of the citizen. */
  otherConversation: boolean;
  otherConversationLabel: string | null;
  agentName: (id: string | undefined) => string | null;
  posInSet: number;
  setSize: number;
  now: number;
  /** A replayed screen: no links out of the replay, no editing. */
  readOnly?: boolean;
}

/** New text first; the quoted history behind a disclosure button, closed by default. */
function QuotedHistory({ fresh, quoted }: { fresh: ReactNode; quoted: ReactNode | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      {fresh}
      {quoted !== null && (
        <>
          <button type="button" className="entry__quote-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
            {open ? t('timeline.hideQuoted') : t('timeline.showQuoted')}
          </button>
          <div id={id} className="entry__quoted" hidden={!open}>
            {quoted}
          </div>
        </>
      )}
    </>
  );
}

function EmailBody({ html }: { html: string }) {
  // Sanitised with DOMPurify (remote images blocked) before being split and rendered.
  const { fresh, quoted } = useMemo(() => splitQuotedHtml(sanitizeEmailHtml(html)), [html]);
  return (
    <QuotedHistory
      fresh={<div className="entry__html" dangerouslySetInnerHTML={{ __html: fresh }} />}
      quoted={quoted ? <div className="entry__html" dangerouslySetInnerHTML={{ __html: quoted }} /> : null}
    />
  );
}

function EmailText({ text }: { text: string }) {
  const { fresh, quoted } = useMemo(() => splitQuotedText(text), [text]);
  return <QuotedHistory fresh={<p className="entry__text">{fresh}</p>} quoted={quoted ? <p className="entry__text">{quoted}</p> : null} />;
}

export const TimelineEntry = memo(function TimelineEntry({
  message: m,
  otherConversation,
  otherConversationLabel,
  agentName,
  posInSet,
  setSize,
  now,
  readOnly = false,
}: TimelineEntryProps) {
  const { t, i18n } = useTranslation();
  const direction = m.direction === 'inbound' ? 'inbound' : m.direction === 'note' ? 'note' : 'outbound';
  const author =
    m.author.kind === 'agent'
      ? (agentName(m.author.id) ?? m.author.name ?? t('timeline.agent'))
      : m.author.kind === 'system'
        ? t('timeline.system')
        : m.author.name
          ? displayText(citizenNameDisplay(m.author.name, [m.channel]), t)
          : t('timeline.citizen');
  const call = m.kind === 'call' ? m.call : undefined;
  const labelId = `entry-${m.id}-label`;

  return (
    <article
      className={`entry entry--${direction}${otherConversation ? ' entry--other' : ''}`}
      data-testid="timeline-entry"
      data-message-id={m.id}
      aria-labelledby={labelId}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      tabIndex={0}
    >
      {otherConversation && (
        <p className="entry__other">
          <span aria-hidden="true">↪ </span>
          {t('timeline.otherConversation')}{' '}
          {readOnly ? (
            <span>{otherConversationLabel || t('timeline.openConversation')}</span>
          ) : (
            <Link to={`/inbox/${encodeURIComponent(m.conversationId)}`}>
              {otherConversationLabel || t('timeline.openConversation')}
            </Link>
          )}
        </p>
      )}
      <header className="entry__head" id={labelId}>
        <span className="entry__channel">
          <ChannelIcon kind={m.channel} />
          {t(`channel.${m.channel}`)}
        </span>
        <span className={`entry__direction entry__direction--${direction}`}>
          {m.kind === 'call' ? t(`timeline.call.${direction}`) : t(`timeline.direction.${direction}`)}
        </span>
        <span className="entry__author">{author}</span>
        <time className="entry__time" dateTime={m.at}>
          {formatDateTime(m.at, i18n.language, now)}
        </time>
      </header>
      {m.subject && m.channel === 'email' && <p className="entry__subject">{m.subject}</p>}
      {call ? (
        <p className="entry__call">
          <span className={`call-outcome call-outcome--${call.outcome}`}>{t(`call.outcome.${call.outcome}`)}</span>
          {call.durationSec !== undefined && (
            <time dateTime={isoDuration(call.durationSec)}>{t('call.durationIs', { duration: formatDuration(call.durationSec, i18n.language) })}</time>
          )}
          <span className="entry__call-numbers">
            {/* A call logged by hand has only the citizen's side. */}
            {[call.from, call.to].filter(Boolean).join(' → ')}
          </span>
          {/* Only links that pass the server's rule: data written before it may hold others. */}
          {call.recordingUrl && isSafeLink(call.recordingUrl) && (
            <a href={call.recordingUrl} target="_blank" rel="noopener noreferrer">
              {t('call.recording')}
            </a>
          )}
          {call.transcriptUrl && isSafeLink(call.transcriptUrl) && (
            <a href={call.transcriptUrl} target="_blank" rel="noopener noreferrer">
              {t('call.transcript')}
            </a>
          )}
        </p>
      ) : null}
      {m.html && m.channel === 'email' ? (
        <EmailBody html={m.html} />
      ) : m.text && m.channel === 'email' ? (
        <EmailText text={m.text} />
      ) : m.text ? (
        <p className="entry__text">{m.text}</p>
      ) : null}
      {call && <CallSummary messageId={m.id} call={call} readOnly={readOnly} />}
      {m.attachments.length > 0 && (
        <ul className="entry__attachments" aria-label={t('timeline.attachments')}>
          {m.attachments.map((a, i) => (
            <li key={`${a.name}-${i}`}>
              <svg className="entry__clip" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
                <path d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5" />
              </svg>{' '}
              {a.blobId && m.channel === 'email' ? (
                // Served as a download by the email channel, behind the staff session.
                <a href={`/api/email/attachments/${encodeURIComponent(m.id)}/${i}`} download={a.name}>
                  {a.name}
                </a>
              ) : (
                a.name
              )}{' '}
              <span className="muted">({t('timeline.kilobytes', { count: Math.max(1, Math.round(a.size / 1024)) })})</span>
            </li>
          ))}
        </ul>
      )}
      {direction === 'outbound' && (
        <p className={`entry__status entry__status--${m.status}`}>
          {t(`delivery.${m.status}`)}
          {m.statusFailure && <span className="entry__status-reason"> — {t(`delivery.failure.${m.statusFailure}`)}</span>}
          {/* The refusing party's own words, quoted as theirs (untranslated); older events had only them. */}
          {m.statusReason && (!m.statusFailure || QUOTES_PROVIDER.has(m.statusFailure)) && (
            <span className="entry__status-reason"> {t('delivery.quoted', { reason: m.statusReason })}</span>
          )}
        </p>
      )}
    </article>
  );
});
