import { WHATSAPP_WINDOW_MS, type Agent, type AgentId, type AnswerUse, type Channel, type ConversationStatus, type InboundMessage, type QueueId } from '../../shared/index.js';
import { chooseQueue } from '../domain/queue-choice.js';
import { libraryReply } from './demo-answers.js';
import { DEMO_AGENTS, DEMO_QUEUES, frontlineAgentsOf } from './demo-directory.js';
import { attachmentsFor, callInbound, channelsOf, writtenInbound, type CallDraft, type WrittenDraft } from './demo-inbound.js';
import type { DemoPerson } from './demo-people.js';
import { CALL_NOTES, CALLBACK_NOTES, HOLDING, PRECISION, QUESTIONS, RELANCE, THANKS, VOICEMAIL, type Scenario } from './demo-scenarios.js';
import { agentText, civility, fill, frenchAppointment, nationalPhone, type TextContext } from './demo-text.js';
import { createRng, deriveSeed, type Rng } from './prng.js';

/** How a conversation stands at the end of the demo history. Only a citizen's last one may be unresolved. */
export type Profile = 'resolved' | 'pending' | 'waiting' | 'replied' | 'unassigned';

interface StepBase {
  at: string;
  /** The plan's key of the conversation; the real id is minted at ingest. */
  conversation: string;
}
export type DemoStep = StepBase &
  (
    | { type: 'inbound'; message: InboundMessage }
    | { type: 'reply'; agentId: AgentId; channel: Channel; text: string; clientMessageId: string; answer?: AnswerUse }
    | { type: 'note'; agentId: AgentId; text: string; clientMessageId: string }
    | { type: 'assign'; agentId: AgentId; assigneeId: AgentId }
    | { type: 'status'; agentId: AgentId; status: ConversationStatus }
    | { type: 'read'; agentId: AgentId }
  );

export interface ConversationPlan {
  key: string;
  scenario: string;
  queueId: QueueId;
  agentId: AgentId | null;
  profile: Profile;
  steps: DemoStep[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// Paris is UTC+2 from April to October and UTC+1 otherwise; the exact switch days do not
// matter for demo office hours.
function parisOffset(t: number): number {
  const month = new Date(t).getUTCMonth();
  return (month >= 3 && month <= 9 ? 2 : 1) * HOUR;
}

/** Next moment the town hall's staff are at work (Mon–Fri, 8:30–17:30, Paris). */
export function officeTime(t: number, rng: Rng): number {
  const off = parisOffset(t);
  const local = new Date(t + off);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const weekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
  if (weekday(local) && minutes >= 510 && minutes < 1050) return t;
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  if (!weekday(local) || minutes >= 1050) day.setUTCDate(day.getUTCDate() + 1);
  while (!weekday(day)) day.setUTCDate(day.getUTCDate() + 1);
  return day.getTime() + 510 * MIN + rng.int(0, 80) * MIN - off;
}

/** Citizens write from early morning to late evening. */
export function citizenTime(t: number, rng: Rng): number {
  const off = parisOffset(t);
  const local = new Date(t + off);
  const hour = local.getUTCHours();
  if (hour >= 7 && hour < 23) return t;
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  if (hour >= 23) day.setUTCDate(day.getUTCDate() + 1);
  return day.getTime() + 7 * HOUR + rng.int(0, 150) * MIN - off;
}

const WRITTEN_PREFERENCE: readonly Channel[] = ['email', 'whatsapp', 'messenger', 'webchat'];
const SERVICE_NAMES: Record<string, string> = {
  que_accueil: 'Accueil',
  que_etat_civil: 'Service État civil',
  que_urbanisme: 'Service Urbanisme',
  que_dechets: 'Service Déchets et propreté',
};

export interface BuildArgs {
  person: DemoPerson;
  key: string;
  scenario: Scenario;
  profile: Profile;
  start: number;
  rng: Rng;
}

/**
 * Plays one request forward from `start`: who writes on which channel, when staff answer
 * (office hours), and how it ends. Deterministic for a given rng state and start.
 */
export function buildConversation({ person, key, scenario, profile, start, rng }: BuildArgs): ConversationPlan {
  const channels = channelsOf(person);
  const written = WRITTEN_PREFERENCE.filter((c) => channels.includes(c));
  // Snapping to office hours draws jitter only when it moves a time, so it gets a stream of its
  // own: the content (texts, channels, branches) must not change when the start moves.
  const timing = createRng(deriveSeed('timing', rng.next()));
  const steps: DemoStep[] = [];
  let t = start;
  let lastCitizen = 'email' as Channel;
  let lastWhatsappAt = Number.NEGATIVE_INFINITY;
  let emailed = false;
  let agent: Agent | null = null;
  let queueId: QueueId = DEMO_QUEUES[DEMO_QUEUES.length - 1]!.id;

  // One variant of the scenario throughout, so the answers fit the question that was asked.
  const variant = rng.int(0, scenario.open.length - 1);
  const pv = <T,>(list: readonly T[]): T => list[variant % list.length]!;
  const subject = pv(scenario.subjects);
  const ctx: Partial<TextContext> = {
    civ: civility(person),
    nom: person.lastName,
    prenom: person.firstName,
    adresse: person.address,
    ref: `${scenario.key === 'permis-construire' ? 'PC 044 168 ' : 'n° '}${rng.int(24, 25)} ${rng.digits(5)}`,
    enfant: rng.pick(['Lucas', 'Emma', 'Noah', 'Jade', 'Adam', 'Inès', 'Léo', 'Lina', 'Sacha', 'Mila']),
    tel: person.phone ? nationalPhone(person.phone) : 'mon portable',
    topic: scenario.topic,
  };
  const QUARTER = 15 * MIN;
  const appointment = () => Math.round(officeTime(t + rng.int(3, 20) * DAY, timing) / QUARTER) * QUARTER;
  const text = (template: string) => fill(template, { ...ctx, date: frenchAppointment(new Date(appointment())) });
  const advance = (next: number) => {
    t = Math.max(next, t + MIN) + timing.int(0, 59) * 1000;
  };
  const push = (step: DemoStep) => steps.push(step);
  const iso = () => new Date(t).toISOString();

  const citizenCall = (call: CallDraft) => {
    lastCitizen = 'phone';
    push({ type: 'inbound', at: iso(), conversation: key, message: callInbound(person, call, new Date(t), '') });
  };
  const citizenWrites = (channel: Exclude<Channel, 'phone'>, body: string, opts: { opening?: boolean; files?: boolean } = {}) => {
    lastCitizen = channel;
    if (channel === 'whatsapp') lastWhatsappAt = t;
    const draft: WrittenDraft = { channel, body: text(body), opening: opts.opening ?? false };
    if (channel === 'email') {
      draft.subject = emailed ? `Re: ${subject}` : subject;
      draft.html = rng.chance(0.35);
      emailed = true;
    }
    if (opts.files && scenario.attachments.length) draft.attachments = attachmentsFor(rng, [pv(scenario.attachments)], channel);
    push({ type: 'inbound', at: iso(), conversation: key, message: writtenInbound(person, draft, new Date(t), '') });
  };
  /** A citizen's turn on `channel`; on the phone, what they would have written becomes a call. */
  const citizenTurn = (channel: Channel, body: string, opts: { opening?: boolean; files?: boolean; callSummary?: string } = {}) => {
    if (channel !== 'phone') return citizenWrites(channel, body, opts);
    const outcome = opts.callSummary ? 'answered' : rng.pick(['missed', 'voicemail'] as const);
    advance(outcome === 'answered' ? officeTime(t, timing) : t);
    if (outcome === 'answered') citizenCall({ outcome, summary: opts.callSummary ?? '', talkSec: rng.int(50, 720), ringSec: rng.int(4, 25) });
    else if (outcome === 'voicemail') citizenCall({ outcome, transcript: text(rng.pick(VOICEMAIL)), talkSec: rng.int(12, 55), ringSec: rng.int(20, 30) });
    else citizenCall({ outcome, ringSec: rng.int(15, 40) });
  };

  /** Staff answer on the channel the citizen last used, or in writing after a call. */
  const agentChannel = (): Channel | null => {
    if (lastCitizen !== 'phone') return lastCitizen;
    return written[0] ?? null;
  };
  let clientSeq = 0;
  const clientMessageId = () => `${key}-m${++clientSeq}`;
  const agentNote = (body: string) => {
    if (!agent) return;
    advance(t + rng.int(1, 10) * MIN);
    push({ type: 'note', at: iso(), conversation: key, agentId: agent.id, text: fill(body, { ...ctx, call: pv(scenario.call) }), clientMessageId: clientMessageId() });
  };
  const agentTurn = (body: string, opts: { quick?: boolean } = {}) => {
    if (!agent) return;
    let channel = agentChannel();
    const chat = channel !== null && channel !== 'email';
    // Live chat is answered within minutes while it is staffed; other chats and mail take longer.
    const delay = opts.quick ? rng.int(3, 15) * MIN : channel === 'webchat' ? rng.int(1, 5) * MIN : chat ? rng.int(2, 50) * MIN : rng.int(30, 26 * 60) * MIN;
    advance(officeTime(t + delay, timing));
    // WhatsApp takes free text only within 24 hours of the citizen's last message there (the
    // server refuses it after): past that, staff answer on another written channel, or call back.
    if (channel === 'whatsapp' && t - lastWhatsappAt >= WHATSAPP_WINDOW_MS - 10 * MIN) channel = written.find((c) => c !== 'whatsapp') ?? null;
    const afterCall = lastCitizen === 'phone';
    const filled = text(body);
    if (channel === null) {
      // Phone-only citizen: the answer was given by calling back, so it is logged as a note.
      push({ type: 'note', at: iso(), conversation: key, agentId: agent.id, text: `Rappel téléphonique : ${filled.replace(/\*\*/g, '')}`, clientMessageId: clientMessageId() });
      return;
    }
    const service = SERVICE_NAMES[queueId] ?? 'Accueil';
    // A reply the library has is sent from it, as an agent would insert it from the composer.
    const library = libraryReply(body, channel, { citizenName: person.displayName, agentName: agent.displayName, service, at: new Date(t) });
    if (library) {
      push({ type: 'reply', at: iso(), conversation: key, agentId: agent.id, channel, text: library.text, answer: library.answer, clientMessageId: clientMessageId() });
      return;
    }
    const lead = afterCall ? 'Suite à votre appel, ' : '';
    const replyBody = lead ? `${lead}${filled.charAt(0).toLowerCase()}${filled.slice(1)}` : filled;
    push({
      type: 'reply',
      at: iso(),
      conversation: key,
      agentId: agent.id,
      channel,
      text: agentText(channel, replyBody, person, agent, service),
      clientMessageId: clientMessageId(),
    });
  };
  const citizenLater = (min: number, max: number) => advance(citizenTime(t + rng.int(min, max) * MIN, timing));
  /** Where a citizen continues: the same written channel mostly, a written one after a call. */
  const followUpChannel = (documents: boolean): Channel => {
    if (lastCitizen === 'phone') return written[0] ?? 'phone';
    if (documents && lastCitizen === 'webchat' && channels.includes('whatsapp') && rng.chance(0.5)) return 'whatsapp';
    if (documents && lastCitizen !== 'email' && channels.includes('email') && rng.chance(0.3)) return 'email';
    return lastCitizen;
  };

  // --- Opening -----------------------------------------------------------------------------
  const opening = rng.weighted<Channel>(
    ([['email', 36], ['phone', 26], ['webchat', 14], ['whatsapp', 14], ['messenger', 10]] as const).filter(([c]) => channels.includes(c)),
  );
  // Somebody picked up an answered call, so an unassigned conversation never starts with one.
  const answered = opening === 'phone' && profile !== 'unassigned' && rng.chance(0.65);
  if (opening === 'phone') {
    if (answered) {
      advance(officeTime(t, timing));
      citizenCall({ outcome: 'answered', summary: text(pv(scenario.call)), talkSec: rng.int(90, 760), ringSec: rng.int(4, 25) });
    } else {
      citizenTurn('phone', '', {});
    }
  } else {
    advance(citizenTime(t, timing));
    citizenWrites(opening, pv(scenario.open), { opening: true });
  }
  const first = steps[0];
  if (first?.type === 'inbound') queueId = chooseQueue({ queues: DEMO_QUEUES }, { channel: first.message.channel, subject: first.message.subject ?? '', text: first.message.text });

  if (profile !== 'unassigned') {
    const frontline = frontlineAgentsOf(queueId);
    agent = rng.chance(0.15) || frontline.length === 0 ? DEMO_AGENTS.nadia : rng.pick(frontline);
  }

  // --- Middle --------------------------------------------------------------------------------
  const relance = () => {
    citizenLater(2 * 24 * 60, 5 * 24 * 60);
    const channel = lastCitizen !== 'phone' && channels.includes('phone') && rng.chance(0.35) ? 'phone' : lastCitizen;
    citizenTurn(channel, rng.pick(RELANCE));
  };
  const firstAgentMove = (body: string) => {
    if (!agent) return;
    if (answered) {
      agentNote(rng.pick(CALL_NOTES));
      agentTurn(body, { quick: true });
      return;
    }
    if (agent.id !== DEMO_AGENTS.nadia.id && rng.chance(0.25)) {
      // The supervisor dispatches before the agent answers.
      advance(officeTime(t + rng.int(5, 90) * MIN, timing));
      push({ type: 'assign', at: iso(), conversation: key, agentId: DEMO_AGENTS.nadia.id, assigneeId: agent.id });
    }
    if (lastCitizen === 'phone' && rng.chance(0.5)) agentNote(rng.pick(CALLBACK_NOTES));
    agentTurn(body);
  };
  const resolve = () => {
    if (!agent) return;
    advance(officeTime(t + rng.int(2, 180) * MIN, timing));
    // Closing reads what is left (a thank-you, a call); the command is a no-op when nothing is unread.
    push({ type: 'read', at: iso(), conversation: key, agentId: agent.id });
    advance(t + MIN);
    push({ type: 'status', at: iso(), conversation: key, agentId: agent.id, status: 'resolved' });
  };
  const thanks = () => {
    const channel = followUpChannel(false);
    if (channel === 'phone') return;
    citizenLater(10, 24 * 60);
    citizenTurn(channel, rng.pick(THANKS));
  };
  const provide = () => {
    citizenLater(30, 3 * 24 * 60);
    const channel = followUpChannel(true);
    citizenTurn(channel, pv(scenario.provide), { files: true, callSummary: 'Le demandeur communique par téléphone les informations demandées.' });
  };
  const question = () => {
    const [q, a] = rng.pick(QUESTIONS);
    citizenLater(15, 24 * 60);
    citizenTurn(followUpChannel(false), q, { callSummary: `Question : ${q}` });
    return a;
  };

  const long = rng.chance(0.6);
  const relanced = !answered && rng.chance(0.2);
  switch (profile) {
    case 'unassigned': {
      if (rng.chance(0.5)) {
        citizenLater(5, 6 * 60);
        citizenTurn(lastCitizen === 'phone' ? (written[0] ?? 'phone') : lastCitizen, rng.pick(PRECISION));
      } else {
        relance();
      }
      break;
    }
    case 'resolved':
      if (relanced) relance();
      if (long) {
        firstAgentMove(pv(scenario.ask));
        provide();
        if (rng.chance(0.3)) agentTurn(question());
        agentTurn(pv(scenario.confirm));
        if (rng.chance(0.3)) agentNote(rng.pick(scenario.note));
      } else {
        firstAgentMove(pv(scenario.answer));
      }
      if (rng.chance(0.55)) thanks();
      resolve();
      break;
    case 'pending':
      if (relanced) relance();
      firstAgentMove(pv(scenario.ask));
      if (agent) {
        advance(t + rng.int(1, 3) * MIN);
        push({ type: 'status', at: iso(), conversation: key, agentId: agent.id, status: 'pending' });
      }
      break;
    case 'waiting':
      if (long) {
        firstAgentMove(pv(scenario.ask));
        provide();
      } else {
        firstAgentMove(pv(scenario.answer));
        question();
      }
      break;
    case 'replied':
      if (relanced) relance();
      firstAgentMove(pv(scenario.ask));
      if (long) {
        provide();
        agentTurn(rng.pick(HOLDING));
        if (rng.chance(0.5)) agentNote(rng.pick(scenario.note));
      }
      break;
  }

  return { key, scenario: scenario.key, queueId, agentId: agent?.id ?? null, profile, steps };
}
