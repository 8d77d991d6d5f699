import { useCallback, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent, Queue } from '../../../shared/model.js';
import { useAppSelector } from '../../app/hooks.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { CitizenTyping } from './CitizenTyping.js';
import { ConversationHeader, type ConversationHeaderProps } from './ConversationHeader.js';
import { selectAnnouncedMessage, selectConversationState } from './conversationSelectors.js';
import { Timeline } from './Timeline.js';

export interface ConversationViewProps {
  viewer: Pick<Agent, 'id'>;
  agents: Agent[];
  queues: Queue[];
  conversationLabels: Record<string, string>;
  /** The composer, supplied by app/ (features do not import each other). */
  composer: ReactNode;
  /** A replay of the past: status and assignee are shown, not editable. */
  readOnly?: boolean;
  /** The instant shown (a replay's); the wall clock when absent. Deadlines are judged against it. */
  now?: number | undefined;
  /** Supplied by app/ for the layout: a back link before the title, a panel toggle beside the controls. */
  leading?: ReactNode;
  actions?: ReactNode;
  /** Open the timeline at this message (a search hit). */
  focusMessageId?: string | null;
  /** The citizen's strongest identity, for the badge beside their name. */
  citizenLevel?: ConversationHeaderProps['citizenLevel'];
}

export function ConversationView({ viewer, agents, queues, conversationLabels, composer, readOnly = false, now, leading, actions, focusMessageId = null, citizenLevel }: ConversationViewProps) {
  const { t } = useTranslation();
  const { status, conversation } = useAppSelector(selectConversationState);
  const announced = useAppSelector(selectAnnouncedMessage);
  const names = useMemo(() => new Map(agents.map((a) => [a.id as string, a.displayName])), [agents]);
  const agentName = useCallback((id: string | undefined) => (id ? (names.get(id) ?? null) : null), [names]);

  if (status === 'loading' && !conversation) {
    return (
      <p className="empty" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (status === 'not_found') return <p className="empty">{t('conversation.notFound')}</p>;
  if (status === 'error') return <p className="empty" role="alert">{t('conversation.error')}</p>;
  if (!conversation) return null;
  const citizenName = displayText(citizenNameDisplay(conversation.citizenName, conversation.channels), t);

  return (
    <div className="conversation" aria-labelledby="conversation-title">
      <ConversationHeader conversation={conversation} viewer={viewer} agents={agents} queues={queues} readOnly={readOnly} now={now} leading={leading} actions={actions} citizenLevel={citizenLevel} />
      <Timeline conversationId={conversation.id} conversationLabels={conversationLabels} agentName={agentName} readOnly={readOnly} focusMessageId={focusMessageId} />
      <CitizenTyping name={citizenName} />
      {/* Polite: a new message should not interrupt what the agent is typing or reading. */}
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announced
          ? t('timeline.announce', {
              name: announced.author.name ? displayText(citizenNameDisplay(announced.author.name, conversation.channels), t) : citizenName,
              channel: t(`channel.${announced.channel}`),
              text: announced.text.slice(0, 200),
            })
          : ''}
      </div>
      {composer}
    </div>
  );
}
