import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEvent } from '../../../shared/journal.js';
import type { HiddenContent } from '../../../shared/replay.js';
import { formatDuration } from '../../ui/duration.js';

// Words for the player: durations, instants and one line per journal event.

export function useDuration(): (ms: number) => string {
  const { i18n } = useTranslation();
  return useCallback((ms: number) => formatDuration(ms / 1000, i18n.language), [i18n.language]);
}

export function useInstant(): (ms: number | string) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (value: number | string) =>
      new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(value)),
    [i18n.language],
  );
}

export function useEventText(agentName: (id: string | null | undefined) => string | null): (event: JournalEvent, hidden?: HiddenContent) => string {
  const { t } = useTranslation();
  return useCallback(
    (event: JournalEvent, hidden?: HiddenContent) => {
      const channel = (c: string) => t(`channel.${c}`);
      let text: string;
      switch (event.type) {
        case 'citizen.created':
          text = t('replay.event.citizenCreated');
          break;
        case 'identity.linked':
          text = t('replay.event.identityLinked', { kind: t(`identity.${event.payload.identity.kind}`) });
          break;
        case 'conversation.opened':
          text = t('replay.event.opened', { channel: channel(event.payload.channel) });
          break;
        case 'message.received': {
          const m = event.payload.message;
          text = m.kind === 'call' && m.call ? t('replay.event.call', { outcome: t(`call.outcome.${m.call.outcome}`) }) : t('replay.event.received', { channel: channel(m.channel) });
          break;
        }
        case 'message.sent':
          text = t('replay.event.sent', { channel: channel(event.payload.message.channel), name: agentName(event.payload.message.author.id) ?? event.payload.message.author.name ?? t('timeline.agent') });
          break;
        case 'note.added':
          text = t('replay.event.note', { name: agentName(event.payload.message.author.id) ?? event.payload.message.author.name ?? t('timeline.agent') });
          break;
        case 'message.status':
          text = t('replay.event.delivery', { status: t(`delivery.${event.payload.status}`) });
          break;
        case 'conversation.assigned':
          text = event.payload.assigneeId ? t('replay.event.assigned', { name: agentName(event.payload.assigneeId) ?? event.payload.assigneeId }) : t('replay.event.unassigned');
          break;
        case 'conversation.status':
          text = t('replay.event.status', { status: t(`status.${event.payload.status}`) });
          break;
        case 'conversation.read':
          text = t('replay.event.read');
          break;
        case 'call.updated':
          text = t('replay.event.callUpdated', { outcome: t(`call.outcome.${event.payload.call.outcome}`) });
          break;
        case 'call.summarized':
          text = t('replay.event.callSummarized');
          break;
        case 'citizen.merged':
          text = t('replay.event.merged', { name: agentName(event.payload.by) ?? t('timeline.agent') });
          break;
        case 'citizen.unmerged':
          text = t('replay.event.unmerged', { name: agentName(event.payload.by) ?? t('timeline.agent') });
          break;
        case 'conversation.moved':
          text = t(event.payload.cause === 'merge' ? 'replay.event.movedByMerge' : 'replay.event.movedByUnmerge');
          break;
        default:
          text = t('replay.event.other', { type: (event as { type: string }).type });
      }
      if (hidden && hidden.attachments > 0) text += ` — ${t('replay.hiddenAttachments', { count: hidden.attachments })}`;
      if (hidden?.recording) text += ` — ${t('replay.hiddenRecording')}`;
      return text;
    },
    [t, agentName],
  );
}
