import {
  callOwesCallback,
  mergeCallDetails,
  newId,
  normalizeIdentity,
  reduceMessage,
  sameCallState,
  type CallDetails,
  type JournalEvent,
  type Message,
  type MessageId,
  type NewJournalEvent,
} from '../../shared/index.js';
import { DomainError } from './errors.js';
import { normalizeOrReject } from './identity.js';
import type { IngestService } from './ingest.js';
import { KeyedQueue } from './keyed-queue.js';
import type { Clock, EventBus, Store } from './ports.js';
import { commit } from './commit.js';

/** Where a call stands in one provider report. `completed` is a call that was answered and ended. */
export const CALL_STAGES = ['ringing', 'answered', 'completed', 'missed', 'voicemail', 'abandoned'] as const;
export type CallStageName = (typeof CALL_STAGES)[number];

/**
 * One report about a call, whatever the source (Twilio callback, PBX webhook, CDR line, agent).
 * Every report of the same call carries the same `externalId`; the first creates the call's
 * message, the others update it.
 */
export interface CallProgressReport {
  externalId: string;
  direction: 'inbound' | 'outbound';
  /** The citizen's side: the caller of an inbound call, the callee of an outbound one. */
  citizenNumber: string;
  /** The town's side (the number called, or the line that called out). */
  townNumber: string;
  stage: CallStageName;
  /** When the provider saw this stage (ISO). */
  at: string;
  startedAt?: string | undefined;
  answeredAt?: string | undefined;
  endedAt?: string | undefined;
  durationSec?: number | undefined;
  recordingUrl?: string | undefined;
  transcriptUrl?: string | undefined;
  callerName?: string | undefined;
}

/**
 * A recording became available for a call already reported (Twilio's recording callback carries
 * no numbers nor direction). On an inbound call it is a voicemail; on an outbound one, a link.
 */
export interface RecordingReport {
  externalId: string;
  stage: 'recording';
  at: string;
  recordingUrl: string;
  transcriptUrl?: string | undefined;
}

export type CallReport = CallProgressReport | RecordingReport;

/** The call's entry as a report left it. */
export interface CallFiled {
  status: 'created' | 'updated' | 'unchanged';
  message: Message;
}

/** Or, for a recording of a call not reported yet: kept, and applied when the call is. */
export type CallRecordResult = CallFiled | { status: 'held' };

function shifted(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) - seconds * 1000).toISOString();
}

/** The call details one report vouches for; mergeCallDetails folds them into what is known. */
export function callDetailsOf(report: CallProgressReport): CallDetails {
  const ended = report.stage !== 'ringing' && report.stage !== 'answered';
  const endedAt = ended ? (report.endedAt ?? report.at) : undefined;
  let answeredAt = report.answeredAt;
  if (report.stage === 'answered') answeredAt ??= report.at;
  if (report.stage === 'completed' && endedAt && report.durationSec !== undefined) answeredAt ??= shifted(endedAt, report.durationSec);
  const outcome = report.stage === 'completed' ? 'answered' : report.stage;
  const inbound = report.direction === 'inbound';
  return {
    from: inbound ? report.citizenNumber : report.townNumber,
    to: inbound ? report.townNumber : report.citizenNumber,
    startedAt: report.startedAt ?? answeredAt ?? report.at,
    ...(answeredAt !== undefined && outcome !== 'missed' && outcome !== 'abandoned' ? { answeredAt } : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(report.durationSec !== undefined ? { durationSec: report.durationSec } : {}),
    outcome,
    ...(report.recordingUrl ? { recordingUrl: report.recordingUrl } : {}),
    ...(report.transcriptUrl ? { transcriptUrl: report.transcriptUrl } : {}),
  };
}

export function frenchDuration(totalSec: number): string {
  const m = Math.floor(totalSec / 60);
  const s = totalSec % 60;
  return m === 0 ? `${s} s` : s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/**
 * The entry's text, in French like the rest of the stored content (demo data, previews): the
 * inbox preview and the search index read it, the console renders the call details itself.
 */
export function describeCall(direction: 'inbound' | 'outbound', call: CallDetails): string {
  const who = direction === 'inbound' ? 'Appel entrant' : 'Appel sortant';
  const length = call.durationSec ? `, ${frenchDuration(call.durationSec)}` : '';
  switch (call.outcome) {
    case 'ringing':
      return `${who} — en cours`;
    case 'answered':
      return call.endedAt === undefined ? `${who} — en ligne` : `${who} — répondu${length}`;
    case 'missed':
      return direction === 'inbound' ? `${who} — manqué, à rappeler` : `${who} — sans réponse`;
    case 'voicemail':
      return direction === 'inbound' ? `${who} — message vocal laissé${length}, à rappeler` : `${who} — message laissé sur le répondeur`;
    case 'abandoned':
      return `${who} — raccroché avant réponse, à rappeler`;
  }
}

/**
 * Numbers as the timeline shows them: E.164 like the citizen's identity. The citizen's number
 * must be one (else there is nobody to file the call under); the town's side may be an extension.
 */
function withE164(report: CallProgressReport): CallProgressReport {
  let townNumber = report.townNumber;
  try {
    townNumber = normalizeIdentity('phone', report.townNumber);
  } catch {
    // An internal extension ("201") or a SIP name: kept as the PBX wrote it.
  }
  return { ...report, citizenNumber: normalizeOrReject('phone', report.citizenNumber).value, townNumber };
}

/** The stage a known call is at, for reports that only add to it. */
function stageOf(call: CallDetails): CallStageName {
  if (call.outcome === 'answered') return call.endedAt === undefined ? 'answered' : 'completed';
  return call.outcome;
}

function recordingAsProgress(report: RecordingReport, existing: Message): CallProgressReport {
  const call = existing.call!;
  const inbound = existing.direction !== 'outbound';
  return {
    externalId: report.externalId,
    direction: inbound ? 'inbound' : 'outbound',
    citizenNumber: inbound ? call.from : call.to,
    townNumber: inbound ? call.to : call.from,
    // The documented convention: a town's voice flow records an inbound call only when the caller
    // leaves a message (a PBX that records conversations sends `completed` with the link instead).
    stage: inbound ? 'voicemail' : stageOf(call),
    at: report.at,
    startedAt: call.startedAt,
    endedAt: call.endedAt ?? report.at,
    recordingUrl: report.recordingUrl,
    transcriptUrl: report.transcriptUrl,
  };
}

export interface CallServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  ingest: IngestService;
}

const SYSTEM_ACTOR = { kind: 'system' as const, name: 'téléphonie' };

/**
 * Keeps one `call` message per call and moves it through its life. An inbound call enters like
 * any message (ingest: dedupe, identity, threading, routing); an outbound one is filed the same
 * way but as staff's message; every later report becomes a `call.updated` event, journaled only
 * when it changes something, so provider retries and re-imports are harmless.
 */
export class CallService {
  // Reports of one call are handled one at a time in this process: the update computes from the
  // stored message, and two concurrent computations would each miss the other's change.
  // (Across instances the shared reducer's monotonic merge keeps the result sound.)
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: CallServiceDeps) {}

  /** A report about the call's progress always files it; only a recording may be held. */
  record(report: CallProgressReport): Promise<CallFiled>;
  record(report: CallReport): Promise<CallRecordResult>;
  record(report: CallReport): Promise<CallRecordResult> {
    return this.queue.run(report.externalId, () => this.recordNow(report));
  }

  private async recordNow(input: CallReport): Promise<CallRecordResult> {
    const { store, clock } = this.deps;
    const key = `phone:${input.externalId}`;
    let existing = await store.findMessageByExternalId('phone', input.externalId);
    if (input.stage === 'recording') {
      if (!existing) {
        // Twilio may post the recording before the call's status callbacks, and retries no 2xx:
        // the recording waits, durably, for the call. Looked up again after holding it, since
        // another instance may have filed the call meanwhile (and missed what was not held yet).
        await store.holdEarlyReport(key, JSON.stringify(input), clock.now().toISOString());
        existing = await store.findMessageByExternalId('phone', input.externalId);
        if (!existing) return { status: 'held' };
        return this.applyEarlyReports(key, { status: 'unchanged', message: existing });
      }
      return this.update(existing, callDetailsOf(recordingAsProgress(input, existing)));
    }
    const report = withE164(input);
    const incoming = callDetailsOf(report);
    let result: CallFiled;
    if (!existing) {
      const created = report.direction === 'inbound' ? await this.createInbound(report, incoming) : await this.createOutbound(report, incoming);
      // Another delivery of the same call may have won the race: then this report is an update.
      result = created.status === 'created' ? created : await this.update(created.message, incoming);
    } else {
      result = await this.update(existing, incoming);
    }
    return this.applyEarlyReports(key, result);
  }

  /**
   * Applies the recordings held for this call, then forgets them. Applying one twice (two
   * instances at once) changes nothing the second time: the merge only moves a call forward.
   */
  private async applyEarlyReports(key: string, result: CallFiled): Promise<CallFiled> {
    const held = await this.deps.store.earlyReports(key);
    if (held.length === 0) return result;
    let current = result;
    for (const body of held) {
      const recording = JSON.parse(body) as RecordingReport;
      const applied = await this.update(current.message, callDetailsOf(recordingAsProgress(recording, current.message)));
      if (applied.status === 'updated') current = { status: current.status === 'created' ? 'created' : 'updated', message: applied.message };
    }
    await this.deps.store.releaseEarlyReports(key);
    return current;
  }

  private async createInbound(report: CallProgressReport, call: CallDetails): Promise<CallFiled> {
    const result = await this.deps.ingest.ingest({
      channel: 'phone',
      externalId: report.externalId,
      // The caller id is what the telephony channel proves (level `channel`).
      from: { kind: 'phone', value: report.citizenNumber, level: 'channel', ...(report.callerName ? { displayName: report.callerName } : {}) },
      text: describeCall('inbound', call),
      kind: 'call',
      call,
      providerAt: report.at,
    });
    return { status: result.status === 'accepted' ? 'created' : 'unchanged', message: result.message };
  }

  /** Filed like an inbound message (the one filing path), as staff's message to the citizen. */
  private async createOutbound(report: CallProgressReport, call: CallDetails): Promise<CallFiled> {
    const filed = await this.deps.ingest.file({
      identity: normalizeOrReject('phone', report.citizenNumber),
      alsoKnownAs: [],
      displayName: report.callerName,
      inbound: { channel: 'phone', text: '' },
      actor: SYSTEM_ACTOR,
      externalId: report.externalId,
      message: (under): Message => ({
        id: newId<MessageId>('msg', Date.parse(under.at)),
        conversationId: under.conversationId,
        citizenId: under.citizenId,
        direction: 'outbound',
        channel: 'phone',
        kind: 'call',
        // The PBX does not say which member of staff dialled.
        author: { kind: 'agent' },
        text: describeCall('outbound', call),
        attachments: [],
        externalId: report.externalId,
        providerAt: report.at,
        at: under.at,
        status: 'sent',
        call,
      }),
    });
    return { status: filed.status === 'accepted' ? 'created' : 'unchanged', message: filed.message };
  }

  private async update(existing: Message, incoming: CallDetails): Promise<CallFiled> {
    const { store, bus, clock } = this.deps;
    if (existing.kind !== 'call' || !existing.call) {
      throw new DomainError('conflict', `provider id ${existing.externalId ?? ''} belongs to a message that is not a call`);
    }
    const merged = mergeCallDetails(existing.call, incoming);
    if (sameCallState(merged, existing.call)) return { status: 'unchanged', message: existing };
    const conversation = await store.getConversation(existing.conversationId);
    if (!conversation) throw new Error(`conversation ${existing.conversationId} of call ${existing.id} is missing`);
    const direction = existing.direction === 'outbound' ? 'outbound' : 'inbound';
    const at = clock.now().toISOString();
    const envelope = { at, actor: SYSTEM_ACTOR, citizenId: existing.citizenId, conversationId: conversation.id, queueId: conversation.queueId };
    const events: NewJournalEvent[] = [];
    // A call that turns out missed is the citizen asking again: a pending conversation needs an agent.
    if (callOwesCallback(direction, merged.outcome) && !callOwesCallback(direction, existing.call.outcome) && conversation.status === 'pending') {
      events.push({ ...envelope, type: 'conversation.status', payload: { status: 'open', previousStatus: 'pending' } });
    }
    events.push({
      ...envelope,
      type: 'call.updated',
      payload: { messageId: existing.id, direction, call: merged, previousOutcome: existing.call.outcome, text: describeCall(direction, merged) },
    });
    const committed: JournalEvent[] = await commit({ store, bus }, events);
    return { status: 'updated', message: committed.reduce(reduceMessage, existing) };
  }
}
