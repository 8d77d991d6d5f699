import type { Channel, InboundMessage } from '../../shared/index.js';
import { DEMO_CITIZEN_COUNT, DEMO_SEED } from './demo-citizens.js';
import { attachmentsFor, callInbound, channelsOf, writtenInbound, type CallDraft } from './demo-inbound.js';
import { generateDemoPeople, makePerson, type DemoPerson } from './demo-people.js';
import { PRECISION, QUESTIONS, RELANCE, SCENARIOS, THANKS, VOICEMAIL } from './demo-scenarios.js';
import { civility, fill, nationalPhone } from './demo-text.js';
import { createRng, type Rng } from './prng.js';

export interface SimulatorOptions {
  send: (message: InboundMessage) => Promise<void>;
  intervalMs: number;
  log: (line: string) => void;
  /** Uniform in [0, 1); Math.random by default. Tests pass a seeded one. */
  random?: () => number;
  /** Stops by itself after this many delivered messages. */
  count?: number;
  /** Called once `count` messages have been delivered. */
  onDone?: () => void;
}

export interface Simulator {
  stop(): void;
}

/**
 * One message as live traffic would bring it: mostly known citizens (their demo identities,
 * so it threads into their history), some newcomers; a new request or a follow-up.
 */
export function simulatedMessage(rng: Rng, people: readonly DemoPerson[], newcomers: Set<string>, now: Date): InboundMessage {
  const externalId = `sim-${now.getTime().toString(36)}-${rng.hex(10)}`;
  const newcomer = rng.chance(0.2) || people.length === 0;
  const person = newcomer ? makePerson(rng, `n${rng.hex(6)}`, newcomers) : rng.pick(people);
  const channels = channelsOf(person);
  const channel = rng.weighted<Channel>(
    ([['email', 34], ['phone', 22], ['whatsapp', 16], ['webchat', 14], ['messenger', 14]] as const).filter(([c]) => channels.includes(c)),
  );
  const scenario = rng.pick(SCENARIOS);
  const variant = rng.int(0, scenario.open.length - 1);
  const ctx = {
    civ: civility(person),
    nom: person.lastName,
    prenom: person.firstName,
    adresse: person.address,
    ref: `n° 25 ${rng.digits(5)}`,
    enfant: rng.pick(['Lucas', 'Emma', 'Noah', 'Jade', 'Adam', 'Inès']),
    tel: person.phone ? nationalPhone(person.phone) : 'mon portable',
    topic: scenario.topic,
  };
  // A known citizen sometimes follows up on what they already asked (it lands in their open
  // conversation if they have one); a newcomer always opens a request.
  const kind = newcomer ? 'open' : rng.weighted([['open', 55], ['relance', 15], ['question', 12], ['thanks', 6], ['precision', 12]] as const);
  const body =
    kind === 'open'
      ? scenario.open[variant % scenario.open.length]!
      : kind === 'relance'
        ? rng.pick(RELANCE)
        : kind === 'question'
          ? rng.pick(QUESTIONS)[0]
          : kind === 'thanks'
            ? rng.pick(THANKS)
            : rng.pick(PRECISION);

  if (channel === 'phone') {
    const outcome = rng.weighted([['answered', 55], ['missed', 20], ['voicemail', 25]] as const);
    const call: CallDraft =
      outcome === 'answered'
        ? { outcome, summary: fill(scenario.call[variant % scenario.call.length]!, ctx), talkSec: rng.int(45, 600), ringSec: rng.int(3, 25) }
        : outcome === 'voicemail'
          ? { outcome, transcript: fill(rng.pick(VOICEMAIL), ctx), talkSec: rng.int(12, 50), ringSec: rng.int(20, 30) }
          : { outcome, ringSec: rng.int(15, 40) };
    return callInbound(person, call, now, externalId);
  }
  const message = writtenInbound(
    person,
    {
      channel,
      body: fill(body, ctx),
      opening: kind === 'open',
      ...(channel === 'email' ? { subject: scenario.subjects[variant % scenario.subjects.length]!, html: rng.chance(0.3) } : {}),
      ...(kind === 'open' && rng.chance(0.15) && scenario.attachments.length
        ? { attachments: attachmentsFor(rng, [rng.pick(scenario.attachments)], channel) }
        : {}),
    },
    now,
    externalId,
  );
  // A newcomer's web-chat form also asks for an email and a phone number.
  if (newcomer && channel === 'webchat') {
    const aka = (['email', 'phone'] as const).flatMap((k) => (person[k] ? [{ kind: k, value: person[k] }] : []));
    if (aka.length) message.alsoKnownAs = aka;
  }
  return message;
}

function describe(message: InboundMessage): string {
  const who = message.from.displayName ?? message.from.value;
  const what = message.text.replace(/\s+/g, ' ').slice(0, 70);
  return `${message.channel.padEnd(9)} ${who} — ${what}`;
}

/**
 * A steady trickle of inbound traffic for demos. Sends are never overlapped: a slow or failing
 * send delays the next tick rather than piling requests up.
 */
export function startSimulator(opts: SimulatorOptions): Simulator {
  const rng = createRng(opts.random ?? Math.random);
  // The demo population does not depend on the clock, so these are the seeded citizens' identities.
  const people = generateDemoPeople({ seed: DEMO_SEED, count: DEMO_CITIZEN_COUNT });
  const taken = new Set<string>();
  for (const p of people) for (const k of ['email', 'phone', 'messenger', 'webchat'] as const) if (p[k]) taken.add(`${k}:${p[k]}`);
  let delivered = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A message the server did not take is sent again (same externalId, so never twice).
  let pending: InboundMessage | null = null;

  const tick = async () => {
    if (stopped) return;
    const message = pending ?? simulatedMessage(rng, people, taken, new Date());
    try {
      await opts.send(message);
      pending = null;
      delivered++;
      opts.log(`#${delivered} ${describe(message)}`);
    } catch (err) {
      pending = message;
      opts.log(`not delivered (${err instanceof Error ? err.message : String(err)}); retrying in ${opts.intervalMs} ms`);
    }
    if (opts.count !== undefined && delivered >= opts.count) {
      stopped = true;
      opts.onDone?.();
      return;
    }
    if (!stopped) timer = setTimeout(() => void tick(), opts.intervalMs);
  };
  // The first message goes out at once, so starting the simulator shows something immediately.
  timer = setTimeout(() => void tick(), 0);

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
