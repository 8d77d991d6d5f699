import type { JournalEvent } from '../../../shared/journal.js';
import type { Citizen, Conversation, Message } from '../../../shared/model.js';
import { reduceCitizen, reduceConversation, reduceTimeline } from '../../../shared/reducers.js';
import { reduceActivity, type ActivityEvent } from '../../../shared/timeline-activity.js';

// The replayed screen at an instant: the journal up to the current event folded with the same
// reducers as the live console, so it is what the agent's screen held then.

export interface ReplayFrame {
  /** The conversation on screen: the replayed one, or for a citizen history the latest touched. */
  conversation: Conversation | null;
  /** The citizen's whole timeline as it stood (all conversations and channels). */
  timeline: Message[];
  /** Its assignment and status changes so far, folded as the live console folds them. */
  activity: ActivityEvent[];
  citizen: Citizen | null;
  /** The event just played, or null before the first. */
  event: JournalEvent | null;
  /** When the current event is a reply that ended a wait: how long the citizen waited for it. */
  answeredWaitMs: number | null;
}

export interface FrameInput {
  citizenId: string;
  /** Fixed screen (conversation replay); null follows the events (citizen replay). */
  conversationId: string | null;
  context: readonly JournalEvent[];
  events: readonly JournalEvent[];
}

export function foldFrame(input: FrameInput, index: number): ReplayFrame {
  const conversations = new Map<string, Conversation>();
  let timeline: readonly Message[] = [];
  let activity: readonly ActivityEvent[] = [];
  let citizen: Citizen | undefined;
  let followed: string | null = null;
  let answeredWaitMs: number | null = null;
  const current = index >= 0 ? (input.events[index] ?? null) : null;
  const apply = (event: JournalEvent, replayed: boolean) => {
    if (event.citizenId === input.citizenId) {
      timeline = reduceTimeline(timeline, event);
      activity = reduceActivity(activity, event);
      citizen = reduceCitizen(citizen, event);
    }
    if (event.conversationId === undefined) return;
    const before = conversations.get(event.conversationId);
    if (event === current && event.type === 'message.sent' && before?.waitingSince) {
      answeredWaitMs = Date.parse(event.at) - Date.parse(before.waitingSince);
    }
    const after = reduceConversation(before, event);
    if (after) conversations.set(event.conversationId, after);
    if (replayed) followed = event.conversationId;
  };
  for (const event of input.context) apply(event, false);
  for (const event of input.events.slice(0, Math.max(0, index + 1))) apply(event, true);
  const shownId = input.conversationId ?? followed;
  return {
    conversation: shownId === null ? null : (conversations.get(shownId) ?? null),
    timeline: timeline as Message[],
    activity: activity as ActivityEvent[],
    citizen: citizen ?? null,
    event: current,
    answeredWaitMs,
  };
}
