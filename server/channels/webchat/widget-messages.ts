import type { CitizenId, Message } from '../../../shared/index.js';
import type { WidgetMessage } from '../../../shared/webchat-events.js';
import type { ReadModelStore } from '../../domain/ports.js';

/** Inbound web-chat messages carry `<session id>:<widget's client id>` as external id. */
export function externalIdFor(sessionId: string, clientId: string): string {
  return `${sessionId}:${clientId}`;
}

/**
 * What a citizen may see of one message in the widget, or null. Only the web-chat exchange:
 * notes are internal, and mail or calls filed under the same citizen stay out because an
 * anonymous visitor's file may hold an address they typed but never proved to own.
 */
export function toWidgetMessage(m: Message): WidgetMessage | null {
  if (m.channel !== 'webchat' || m.kind !== 'text') return null;
  if (m.direction === 'inbound') {
    const cut = m.externalId?.indexOf(':') ?? -1;
    return {
      id: m.id,
      from: 'citizen',
      text: m.text,
      at: m.at,
      ...(m.externalId && cut >= 0 ? { clientId: m.externalId.slice(cut + 1) } : {}),
    };
  }
  if (m.direction !== 'outbound' || m.status === 'failed') return null;
  const survey = m.author.kind === 'system' ? SURVEY_LINK.exec(m.text)?.[0] : undefined;
  if (survey) {
    // The survey card: the question as text, the link as the card's button.
    const text = m.text.replace(survey, '').replace(/\s*:\s*$/, '').trim();
    return { id: m.id, from: 'agent', text, at: m.at, surveyUrl: survey, status: m.status === 'read' || m.status === 'delivered' ? m.status : 'sent' };
  }
  // Only the first name: the citizen is told who answers, not the staff directory.
  const agentName = m.author.name?.trim().split(/\s+/)[0];
  return {
    id: m.id,
    from: 'agent',
    text: m.text,
    at: m.at,
    ...(agentName ? { agentName } : {}),
    status: m.status === 'read' || m.status === 'delivered' ? m.status : 'sent',
  };
}

/** The signed link a survey message carries (server/domain/surveys). */
const SURVEY_LINK = /https?:\/\/\S+\/survey\/[\w.-]+/;

const PAGE = 100;
const MAX_PAGES = 5;

/** The latest `limit` web-chat messages of the citizen, oldest first, across their conversations. */
export async function widgetHistory(store: ReadModelStore, citizenId: CitizenId, limit = 100): Promise<WidgetMessage[]> {
  const out: WidgetMessage[] = [];
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES && out.length < limit; page++) {
    const { items, olderCursor } = await store.timeline(citizenId, { limit: PAGE, before });
    const shown = items.map(toWidgetMessage).filter((m): m is WidgetMessage => m !== null);
    out.unshift(...shown);
    if (olderCursor === null) break;
    before = olderCursor;
  }
  return out.slice(-limit);
}
