import { splitRecordSteps } from './demo-split-records.js';
import type { Agent, ConversationId } from '../../shared/index.js';
import { AgentCommands } from '../domain/agent-commands.js';
import { IngestService } from '../domain/ingest.js';
import type { Clock, Store } from '../domain/ports.js';
import { applyRoutingSetup, type RoutingSetup } from '../domain/routing-setup/index.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { DEMO_SEED, generateDemoCitizens, demoTotals, type DemoStep } from './demo-citizens.js';
import { seedDemoAnswers } from './demo-answers.js';
import { seedDemoCourse } from './demo-course.js';
import { demoAgent, seedDirectory } from './demo-directory.js';
import { DEMO_ROUTING, DEMO_ROUTING_SOURCE } from './demo-routing.js';
import { SlaDriver } from './demo-sla.js';
import { DemoSurveys, type DemoSurveyOptions } from './demo-surveys.js';
import { runTimersUntil } from './history-timer.js';

export interface SeedDemoDeps {
  store: Store;
  sanitizeHtml: (html: string) => string;
  log: (line: string) => void;
  password: string;
  /** Defaults to the wall clock: the history ends just before start-up. */
  now?: Date;
  seed?: number;
  count?: number;
  /**
   * Calendars, queues and staff routing applied before the history is written, so it carries
   * the service-level events live traffic would have. The demo's own (demo-routing.json) by default.
   */
  routing?: { setup: RoutingSetup; source: string };
  /** Satisfaction surveys as the server sends them (off when not given, as SURVEYS=0). */
  surveys?: DemoSurveyOptions | undefined;
}

export interface SeedDemoResult {
  /** False when the store already held citizens and nothing was written. */
  created: boolean;
  citizens: number;
  conversations: number;
  messages: number;
  ms: number;
  /** Staff accounts that received the demo password. */
  accounts: Pick<Agent, 'email' | 'role' | 'displayName'>[];
}

/**
 * Fills an empty store with the demo history, written through the same ingest and agent
 * commands as live traffic so the journal, projections and claims are exactly what real use
 * would have produced. A clock moved to each step's historical time dates the events; steps
 * run in global time order so journal seqs and times agree.
 */
export async function seedDemo(deps: SeedDemoDeps): Promise<SeedDemoResult> {
  const started = performance.now();
  const { store, log } = deps;
  if ((await store.countCitizens()) > 0) {
    return { created: false, citizens: 0, conversations: 0, messages: 0, ms: performance.now() - started, accounts: [] };
  }

  const { agents } = await seedDirectory(store, deps.password);
  const routing = deps.routing ?? { setup: DEMO_ROUTING, source: DEMO_ROUTING_SOURCE };
  await applyRoutingSetup(store, routing.setup, routing.source);
  const queues = await store.listQueues();
  const data = generateDemoCitizens({
    ...(deps.seed !== undefined ? { seed: deps.seed } : {}),
    ...(deps.count !== undefined ? { count: deps.count } : {}),
    now: deps.now ?? new Date(),
  });

  const totals = demoTotals(data);
  log(`demo: seeding ${totals.citizens} citizens, ${totals.conversations} conversations, ${totals.messages} messages through ingest`);

  let current = new Date(0);
  const clock: Clock = { now: () => current };
  // Nobody listens during the seed: the gateway starts afterwards and reads projections.
  const bus = new LocalEventBus();
  const ingest = new IngestService({ store, bus, clock, queueRules: { queues }, sanitizeHtml: deps.sanitizeHtml });
  const commands = new AgentCommands({ store, bus, clock });
  const sla = new SlaDriver(store, bus, routing.setup.calendars, clock);
  const surveys = deps.surveys ? new DemoSurveys({ store, bus, clock, seed: deps.seed ?? DEMO_SEED, options: deps.surveys }) : undefined;
  const timers = surveys ? [sla, surveys] : [sla];
  const moveClock = (at: Date) => (current = at);
  const conversationIds = new Map<string, ConversationId>();

  const conversationOf = (step: DemoStep): ConversationId => {
    const id = conversationIds.get(step.conversation);
    if (!id) throw new Error(`demo step for ${step.conversation} before its first message`);
    return id;
  };

  // The people filed twice on purpose (demo-split-records.ts) join the history in time order.
  const steps = [...data.steps, ...splitRecordSteps(deps.now ?? new Date())].sort((a, b) => a.at.localeCompare(b.at));
  // The library exists before the first reply written from it.
  await seedDemoAnswers(store, new Date(steps[0]?.at ?? (deps.now ?? new Date()).toISOString()));
  for (const step of steps) {
    await runTimersUntil(timers, Date.parse(step.at), moveClock);
    current = new Date(step.at);
    switch (step.type) {
      case 'inbound': {
        const result = await ingest.ingest(step.message);
        const known = conversationIds.get(step.conversation);
        // The plan and threading must agree, or timelines would not be the ones designed.
        if (known && known !== result.message.conversationId) {
          throw new Error(`demo message ${step.message.externalId} threaded outside ${step.conversation}`);
        }
        conversationIds.set(step.conversation, result.message.conversationId);
        if (result.events.some((e) => e.type === 'conversation.opened')) await sla.opened(result.message.conversationId);
        break;
      }
      case 'reply':
        await commands.sendMessage(demoAgent(step.agentId), {
          conversationId: conversationOf(step),
          channel: step.channel,
          text: step.text,
          clientMessageId: step.clientMessageId,
          ...(step.answer ? { answer: step.answer } : {}),
        });
        break;
      case 'note':
        await commands.addNote(demoAgent(step.agentId), { conversationId: conversationOf(step), text: step.text, clientMessageId: step.clientMessageId });
        break;
      case 'assign':
        await commands.assign(demoAgent(step.agentId), { conversationId: conversationOf(step), assigneeId: step.assigneeId });
        break;
      case 'status':
        await commands.setStatus(demoAgent(step.agentId), { conversationId: conversationOf(step), status: step.status });
        if (step.status === 'resolved') await surveys?.resolved(conversationOf(step));
        break;
      case 'read':
        await commands.markRead(demoAgent(step.agentId), { conversationId: conversationOf(step) });
        break;
    }
  }

  // Targets missed and surveys answered between the last step and now, when they happened.
  await runTimersUntil(timers, (deps.now ?? new Date()).getTime(), moveClock);

  // Training material for the trainer and trainee accounts, from the history just written.
  await seedDemoCourse(store, deps.now ?? new Date());

  const ms = performance.now() - started;
  return {
    created: true,
    citizens: totals.citizens,
    conversations: totals.conversations,
    messages: totals.messages,
    ms,
    accounts: agents.map(({ email, role, displayName }) => ({ email, role, displayName })),
  };
}
