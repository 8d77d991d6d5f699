import type { ConversationId } from '../../shared/index.js';
import type { Clock, EventBus, Store } from '../domain/ports.js';
import { SurveyService } from '../domain/surveys/survey-service.js';
import { signSurveyToken } from '../domain/surveys/survey-token.js';
import { resolveWording, type SurveyLanguage, type SurveyWordingOverrides } from '../domain/surveys/survey-wording.js';
import type { HistoryTimer } from './history-timer.js';
import { createRng, deriveSeed } from './prng.js';

export interface DemoSurveyOptions {
  /** The secret live surveys are signed with, so the links in the seeded messages work. */
  secret: string;
  publicUrl: string;
  wording?: SurveyWordingOverrides | undefined;
  language?: SurveyLanguage | undefined;
}

/** Share of citizens who answer: public-service barometers see a third to a half. */
const ANSWER_RATE = 0.4;
const COMMENTS_HAPPY = ['Merci pour votre réactivité.', 'Réponse claire, merci.', 'Très bon accueil.', 'Parfait, merci beaucoup !'];
const COMMENTS_UNHAPPY = ['J’ai attendu longtemps une réponse.', 'Il a fallu relancer plusieurs fois.', 'Réponse incomplète.'];

/**
 * Satisfaction in the demo history, through the real SurveyService: the survey is sent when a
 * conversation is resolved, and some citizens answer it a while later (minutes to two days),
 * with scores that follow the service they got: lower when the first-response target was missed.
 * Deterministic per conversation, like the rest of the demo.
 */
export class DemoSurveys implements HistoryTimer {
  private readonly surveys: SurveyService;
  private readonly answers: { at: number; token: string; score: number; comment?: string }[] = [];

  constructor(
    private readonly deps: { store: Store; bus: EventBus; clock: Clock; seed: number; options: DemoSurveyOptions },
  ) {
    const { options } = deps;
    this.surveys = new SurveyService({
      store: deps.store,
      bus: deps.bus,
      clock: deps.clock,
      secret: options.secret,
      publicUrl: options.publicUrl,
      wording: resolveWording(options.wording),
      ...(options.language ? { language: options.language } : {}),
      log: () => {},
    });
  }

  /** After a resolution step: the survey goes out, and maybe an answer is planned. */
  async resolved(conversationId: ConversationId): Promise<void> {
    if ((await this.surveys.dispatch(conversationId)) !== 'queued') return;
    const surveyId = await this.deps.store.claimOwner(`survey-sent:${conversationId}`);
    const conversation = await this.deps.store.getConversation(conversationId);
    if (!surveyId || !conversation) return;
    const rng = createRng(deriveSeed(this.deps.seed, 'survey', conversationId));
    if (!rng.chance(ANSWER_RATE)) return;
    const late = (conversation.breaches ?? []).some((b) => b.kind === 'first_response');
    const score = late
      ? rng.weighted([[1, 15], [2, 25], [3, 30], [4, 20], [5, 10]] as const)
      : rng.weighted([[1, 3], [2, 5], [3, 17], [4, 40], [5, 35]] as const);
    const comment = rng.chance(0.3) ? rng.pick(score >= 4 ? COMMENTS_HAPPY : COMMENTS_UNHAPPY) : undefined;
    const at = this.deps.clock.now().getTime() + rng.int(5, 2 * 24 * 60) * 60_000;
    const token = signSurveyToken(this.deps.options.secret, { surveyId, conversationId });
    let i = this.answers.length;
    while (i > 0 && this.answers[i - 1]!.at > at) i--;
    this.answers.splice(i, 0, { at, token, score, ...(comment ? { comment } : {}) });
  }

  nextAt(): number | undefined {
    return this.answers[0]?.at;
  }

  async runNext(): Promise<void> {
    const answer = this.answers.shift();
    if (answer) await this.surveys.answerByToken(answer.token, answer.score, answer.comment);
  }
}
