import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agent, Identity, Queue } from '../../../shared/model.js';
import { can } from '../../../shared/permissions.js';
import { useAppSelector } from '../../app/hooks.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { formatTimeShort } from '../../ui/format.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import { citizenNameDisplay, displayText, identityDisplay } from '../../ui/identityDisplay.js';
import { useNow } from '../../ui/useNow.js';
import { selectCitizenConversations, selectCitizenState } from './citizenSelectors.js';

// Merges and duplicates come with their own words and dialogs, once a citizen shows.
const SamePerson = lazy(() => import('./SamePerson.js'));
// The forms load on demand: most visits only read the file.
const CitizenProfileEditor = lazy(() => import('./CitizenProfileEditor.js').then((m) => ({ default: m.CitizenProfileEditor })));

export interface CitizenPanelProps {
  queues: Queue[];
  currentConversationId: string | null;
  /** Who reads the file: whether they may edit it. Absent: read only. */
  viewer?: Agent | undefined;
  /** Staff, to name who added or confirmed an identity and who wrote a note. */
  agents?: readonly Agent[];
}

export function CitizenPanel({ queues, currentConversationId, viewer, agents = [] }: CitizenPanelProps) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const { status, citizen, elsewhere } = useAppSelector(selectCitizenState);
  const conversations = useAppSelector(selectCitizenConversations);
  const now = useNow(60_000);

  if (status === 'idle') return <p className="empty">{t('citizen.none')}</p>;
  if (status === 'loading' && !citizen) return <p className="empty" role="status">{t('common.loading')}</p>;
  if (status === 'error' || !citizen) return <p className="empty" role="alert">{t('citizen.error')}</p>;

  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  const day = (iso: string) => new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'long' }).format(new Date(iso));
  const staffName = (agentId: string) => agents.find((a) => a.id === agentId)?.displayName ?? t('citizen.someone');
  const sourceOf = (i: Identity): string | null => {
    if (i.confirmation) return t('citizen.source.confirmed', { name: staffName(i.confirmation.agentId), date: day(i.confirmation.at), how: i.confirmation.how });
    if (i.source?.messageId && i.source.channel) return t('citizen.source.received', { channel: t(`channel.${i.source.channel}`), date: day(i.source.at) });
    if (i.source?.agentId) return t('citizen.source.added', { name: staffName(i.source.agentId), date: day(i.source.at) });
    return null;
  };

  return (
    <div className="citizen">
      <h2 className="citizen__name">{displayText(citizenNameDisplay(citizen.displayName, citizen.identities.map((i) => i.kind)), t)}</h2>
      <p className="muted">
        {t('citizen.since', {
          date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(citizen.createdAt)),
        })}
      </p>
      {(citizen.preferredChannel || citizen.language) && (
        <p className="muted" data-testid="citizen-preferences">
          {[
            citizen.preferredChannel ? t('citizen.preferredChannel', { channel: t(`channel.${citizen.preferredChannel}`) }) : null,
            citizen.language ? t('citizen.language', { language: citizen.language }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {viewer && can(viewer.role, 'citizen:edit') && (
        <button type="button" className="button button--small button--ghost" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? t('citizen.editDone') : t('citizen.edit')}
        </button>
      )}
      {editing && viewer && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <CitizenProfileEditor key={citizen.id} citizen={citizen} viewer={viewer} />
        </Suspense>
      )}
      <h3 className="citizen__section">{t('citizen.identities')}</h3>
      {citizen.identities.length === 0 ? (
        <p className="muted">{t('citizen.noIdentity')}</p>
      ) : (
        <ul className="identities">
          {citizen.identities.map((i) => {
            const shown = identityDisplay(i, citizen.identities);
            return (
              <li key={`${i.kind}:${i.value}`} className="identity" data-testid="citizen-identity">
                <ChannelIcon kind={i.kind} />
                <span className="identity__kind">{displayText(shown.label, t)}</span>
                {shown.value !== null && <span className="identity__value">{shown.value}</span>}
                <span className="identity__level">
                  <IdentityLevelBadge level={i.level} eidas={i.eidas} />
                </span>
                {sourceOf(i) && <span className="identity__source muted">{sourceOf(i)}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {(citizen.notes ?? []).length > 0 && (
        <>
          <h3 className="citizen__section">{t('citizen.notes')}</h3>
          <ul className="citizen-notes">
            {(citizen.notes ?? []).map((n) => (
              <li key={n.id}>
                <p>{n.text}</p>
                <p className="muted">{t('citizen.noteBy', { name: n.agentId ? staffName(n.agentId) : t('citizen.someone'), date: day(n.at) })}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="citizen__section">{t('citizen.conversations', { count: conversations.length })}</h3>
      <ul className="citizen-conversations">
        {conversations.map((c) => {
          const current = c.id === currentConversationId;
          return (
            <li key={c.id}>
              <Link
                to={`/inbox/${encodeURIComponent(c.id)}`}
                className={`citizen-conv${current ? ' is-current' : ''}`}
                aria-current={current ? 'page' : undefined}
              >
                <span className="citizen-conv__top">
                  <span className="citizen-conv__subject">{c.subject || c.preview || t('inbox.noPreview')}</span>
                  <span className={`status-pill status-pill--${c.status}`}>{t(`status.${c.status}`)}</span>
                </span>
                <span className="citizen-conv__meta">
                  {c.channels.map((ch) => (
                    <span key={ch} title={t(`channel.${ch}`)}>
                      <ChannelIcon kind={ch} />
                      <span className="sr-only">{t(`channel.${ch}`)}</span>
                    </span>
                  ))}
                  <span>{queueName(c.queueId)}</span>
                  <time dateTime={c.lastActivityAt}>{formatTimeShort(c.lastActivityAt, i18n.language, now)}</time>
                  {current && <span className="sr-only">{t('citizen.current')}</span>}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {elsewhere.length > 0 && (
        <>
          <h3 className="citizen__section">{t('citizen.elsewhere')}</h3>
          <ul className="citizen-conversations">
            {elsewhere.map((c) => (
              <li key={c.id} className="citizen-conv citizen-conv--elsewhere">
                <span className="citizen-conv__meta">
                  {c.channels.map((ch) => (
                    <span key={ch} title={t(`channel.${ch}`)}>
                      <ChannelIcon kind={ch} />
                      <span className="sr-only">{t(`channel.${ch}`)}</span>
                    </span>
                  ))}
                  <time dateTime={c.lastActivityAt}>{formatTimeShort(c.lastActivityAt, i18n.language, now)}</time>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {viewer && (
        <Suspense fallback={null}>
          <SamePerson citizen={citizen} viewer={viewer} />
        </Suspense>
      )}
    </div>
  );
}
