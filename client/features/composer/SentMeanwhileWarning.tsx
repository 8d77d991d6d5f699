import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentId, CitizenId, ConversationId } from '../../../shared/ids.js';
import { useAppSelector } from '../../app/hooks.js';
import { formatTimeShort } from '../../ui/format.js';
import { collisionInjected, sentMeanwhile, type OutboundSeen } from './collisionSlice.js';

const NONE: OutboundSeen[] = [];

/** The replies colleagues sent this citizen since the draft of this conversation began. */
export function useSentMeanwhile(conversationId: ConversationId, citizenId: CitizenId | undefined): OutboundSeen[] {
  const me = useAppSelector((s) => s.session.agent?.id);
  const state = useAppSelector((s) => collisionInjected.selectSlice(s));
  return citizenId && me ? sentMeanwhile(state, conversationId, citizenId, me as AgentId) : NONE;
}

/**
 * Asked before a reply goes out when a colleague answered the same citizen meanwhile: one click
 * more, never a lock (the agent may well add to what was said).
 */
export function SentMeanwhileWarning({ sent, onSend, onCancel }: { sent: readonly OutboundSeen[]; onSend: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const sendRef = useRef<HTMLButtonElement>(null);
  useEffect(() => sendRef.current?.focus(), []);
  const last = sent.at(-1);
  if (!last) return null;
  const names = [...new Set(sent.map((o) => o.authorName || t('presence.someone')))].join(', ');
  return (
    <div className="composer__level-warning" role="alert" id={id} data-testid="composer-sent-meanwhile">
      <span aria-hidden="true">⚠ </span>
      <span>{t('presence.sentMeanwhile', { count: sent.length, names, when: formatTimeShort(last.at, i18n.language) })}</span>
      <button type="button" ref={sendRef} className="button button--small" onClick={onSend} aria-describedby={id}>
        {t('presence.sendAnyway')}
      </button>
      <button type="button" className="button button--small button--ghost" onClick={onCancel}>
        {t('presence.review')}
      </button>
    </div>
  );
}
