import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Queue } from '../../../shared/model.js';
import { useAppSelector } from '../../app/hooks.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { formatTimeShort } from '../../ui/format.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import { citizenNameDisplay, displayText, identityDisplay } from '../../ui/identityDisplay.js';
import { useNow } from '../../ui/useNow.js';
import { selectCitizenConversations, selectCitizenState } from './citizenSelectors.js';

export interface CitizenPanelProps {
  queues: Queue[];
  currentConversationId: string | null;
}

export function CitizenPanel({ queues, currentConversationId }: CitizenPanelProps) {
  const { t, i18n } = useTranslation();
  const { status, citizen, elsewhere } = useAppSelector(selectCitizenState);
  const conversations = useAppSelector(selectCitizenConversations);
  const now = useNow(60_000);

  if (status === 'idle') return <p className="empty">{t('citizen.none')}</p>;
  if (status === 'loading' && !citizen) return <p className="empty" role="status">{t('common.loading')}</p>;
  if (status === 'error' || !citizen) return <p className="empty" role="alert">{t('citizen.error')}</p>;

  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;

  return (
    <div className="citizen">
      <h2 className="citizen__name">{displayText(citizenNameDisplay(citizen.displayName, citizen.identities.map((i) => i.kind)), t)}</h2>
      <p className="muted">
        {t('citizen.since', {
          date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(citizen.createdAt)),
        })}
      </p>
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
              </li>
            );
          })}
        </ul>
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
    </div>
  );
}
