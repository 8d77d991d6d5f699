import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CALLBACK_TAG } from '../../../shared/calls.js';
import type { IdentityStanding } from '../../../shared/identity-levels.js';
import type { Conversation } from '../../../shared/model.js';
import { ChannelBadge } from '../../ui/ChannelIcon.js';
import { dueTimeOf } from '../../ui/dueTime.js';
import { formatTimeShort, waitingLevel } from '../../ui/format.js';
import { DueBadge } from '../../ui/DueBadge.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import { WaitingBadge } from '../../ui/WaitingBadge.js';

export interface InboxRowProps {
  conversation: Conversation;
  selected: boolean;
  assigneeLabel: string;
  queueName: string;
  now: number;
  /** How strongly the citizen is known, when the server said. */
  standing?: IdentityStanding | undefined;
}

export const InboxRow = memo(function InboxRow({ conversation: c, selected, assigneeLabel, queueName, now, standing }: InboxRowProps) {
  const { t, i18n } = useTranslation();
  const unread = c.unreadCount > 0;
  // A wait for a first reply is as urgent as its deadline; otherwise as its channel makes it.
  const due = dueTimeOf(c, now);
  const waitLevel =
    due?.kind === 'first_response'
      ? ({ due: 'normal', soon: 'warning', late: 'late' } as const)[due.state]
      : c.waitingSince
        ? waitingLevel(c.waitingSince, now, c.lastInboundChannel ?? c.channels[0])
        : 'normal';
  return (
    <Link
      to={`/inbox/${encodeURIComponent(c.id)}`}
      className={`inbox-row${selected ? ' is-selected' : ''}${unread ? ' is-unread' : ''}`}
      aria-current={selected ? 'page' : undefined}
      data-testid="inbox-row"
      data-conversation-id={c.id}
    >
      <span className="inbox-row__top">
        <span className="inbox-row__name">{displayText(citizenNameDisplay(c.citizenName, c.channels), t)}</span>
        {standing && <IdentityLevelBadge level={standing.level} eidas={standing.eidas} compact />}
        <span className="inbox-row__channels">
          {c.channels.map((ch) => (
            <ChannelBadge key={ch} channel={ch} labelHidden />
          ))}
        </span>
        <time className="inbox-row__time" dateTime={c.lastActivityAt}>
          {formatTimeShort(c.lastActivityAt, i18n.language, now)}
        </time>
      </span>
      <span className="inbox-row__preview">
        {c.subject && <span className="inbox-row__subject">{c.subject} — </span>}
        {c.preview || t('inbox.noPreview')}
      </span>
      <span className="inbox-row__meta">
        {unread && (
          <span className="unread-badge">
            <span aria-hidden="true">{c.unreadCount}</span>
            <span className="sr-only">{t('inbox.unread', { count: c.unreadCount })}</span>
          </span>
        )}
        {c.waitingSince && c.status !== 'resolved' && <WaitingBadge since={c.waitingSince} now={now} level={waitLevel} compact />}
        <DueBadge conversation={c} now={now} compact />
        {c.status !== 'open' && <span className={`status-pill status-pill--${c.status}`}>{t(`status.${c.status}`)}</span>}
        {c.tags.includes(CALLBACK_TAG) && <span className="status-pill status-pill--callback">{t('call.callback')}</span>}
        <span className="inbox-row__assignee">
          <span className="sr-only">{t('inbox.assigneeIs')} </span>
          {assigneeLabel}
        </span>
        <span className="sr-only">, {t('inbox.queueIs', { name: queueName })}</span>
      </span>
    </Link>
  );
});
