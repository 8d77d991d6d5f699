import { refusalText } from '../../ui/errorText.js';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_TAG } from '../../../shared/calls.js';
import type { AgentId } from '../../../shared/ids.js';
import type { Agent, Conversation, ConversationStatus, Queue } from '../../../shared/model.js';
import { StatusOptions } from '../../ui/StatusOptions.js';
import { useAppDispatch } from '../../app/hooks.js';
import { assignConversation, setConversationStatus } from '../../realtime/commands.js';
import { ChannelBadge } from '../../ui/ChannelIcon.js';
import { DueBadge } from '../../ui/DueBadge.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import type { EidasLevel, IdentityLevel } from '../../../shared/identity-levels.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { useNow } from '../../ui/useNow.js';

export interface ConversationHeaderProps {
  conversation: Conversation;
  viewer: Pick<Agent, 'id'>;
  agents: Agent[];
  queues: Queue[];
  /** Replay: the controls show the state of the time and cannot change it. */
  readOnly?: boolean;
  /** The instant shown (a replay's); the wall clock when absent. */
  now?: number | undefined;
  leading?: ReactNode;
  actions?: ReactNode;
  /** The citizen's strongest identity (client/ui/IdentityLevelBadge.tsx, strongestIdentity). */
  citizenLevel?: { level: IdentityLevel; eidas?: EidasLevel | undefined } | null | undefined;
}

export function ConversationHeader({ conversation: c, viewer, agents, queues, readOnly = false, now, leading, actions, citizenLevel }: ConversationHeaderProps) {
  const { t } = useTranslation();
  const wallClock = useNow();
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState<'status' | 'assign' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queue = queues.find((q) => q.id === c.queueId);
  const assignable = agents.filter((a) => a.role !== 'trainer' && a.role !== 'trainee');
  if (c.assigneeId && !assignable.some((a) => a.id === c.assigneeId)) {
    const current = agents.find((a) => a.id === c.assigneeId);
    if (current) assignable.push(current);
  }

  const changeStatus = async (status: ConversationStatus) => {
    setBusy('status');
    setError(null);
    const ack = await dispatch(setConversationStatus({ conversationId: c.id, status })).unwrap();
    setBusy(null);
    if (!ack.ok) setError(t('conversation.statusError', { reason: refusalText(t, ack.error) }));
  };

  const assign = async (assigneeId: AgentId | null) => {
    setBusy('assign');
    setError(null);
    const ack = await dispatch(assignConversation({ conversationId: c.id, assigneeId })).unwrap();
    setBusy(null);
    if (!ack.ok) setError(t('conversation.assignError', { reason: refusalText(t, ack.error) }));
  };

  return (
    <header className="conv-header">
      {leading}
      <div className="conv-header__title">
        <h1 id="conversation-title">{displayText(citizenNameDisplay(c.citizenName, c.channels), t)}</h1>
        <p className="conv-header__sub">
          {citizenLevel && <IdentityLevelBadge level={citizenLevel.level} eidas={citizenLevel.eidas} compact />}
          {c.subject && <span className="conv-header__subject">{c.subject}</span>}
          <span>{t('conversation.queueIs', { name: queue?.name ?? c.queueId })}</span>
          {c.tags.includes(CALLBACK_TAG) && (
            <span className="status-pill status-pill--callback" data-testid="callback-pill">
              {t('call.callback')}
            </span>
          )}
          <DueBadge conversation={c} now={now ?? wallClock} />
          <span className="conv-header__channels">
            {c.channels.map((ch) => (
              <ChannelBadge key={ch} channel={ch} />
            ))}
          </span>
        </p>
      </div>
      {actions && <div className="conv-header__actions">{actions}</div>}
      <div className="conv-header__controls">
        <div className="field field--compact">
          <label htmlFor="status-select">{t('conversation.status')}</label>
          <select
            id="status-select"
            data-testid="status-select"
            value={c.status}
            disabled={readOnly || busy === 'status'}
            onChange={(e) => void changeStatus(e.target.value as ConversationStatus)}
          >
            <StatusOptions />
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="assign-select">{t('conversation.assignee')}</label>
          <select
            id="assign-select"
            data-testid="assign-select"
            value={c.assigneeId ?? ''}
            disabled={readOnly || busy === 'assign'}
            onChange={(e) => void assign((e.target.value || null) as AgentId | null)}
          >
            <option value="">{t('conversation.nobody')}</option>
            {assignable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === viewer.id ? t('conversation.meName', { name: a.displayName }) : a.displayName}
              </option>
            ))}
          </select>
        </div>
        {!readOnly && c.assigneeId !== viewer.id && (
          <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void assign(viewer.id)}>
            {t('conversation.takeIt')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="inline-error conv-header__error">
          {error}
        </p>
      )}
    </header>
  );
}
