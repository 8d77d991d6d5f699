import { z } from 'zod';
import { AgentId, AnswerId } from './ids.js';
import { SafeLink, type Channel } from './model.js';
import { foldWords } from './search.js';

export { AnswerId } from './ids.js';
export { AnswerUse } from './model.js';

// The answer library (issue 13): answers written once by supervisors so that the same question
// gets the same answer on every channel, whoever answers. An answer is staff data kept in the
// store (AnswerStore, server/domain/ports.ts), versioned: an edit adds a version, none is ever
// overwritten, and a sent message names the answer and version it used (Message.answer), so
// usage counts and the "déjà répondu" panel come from the journal.

/**
 * The text an answer has for each way of reaching a citizen: `email` (full, with greeting and
 * signature), `short` (WhatsApp, SMS, Messenger, Instagram, Telegram, web chat: under their length
 * limits), `phone` (what the agent reads out). At least one is written.
 */
export const ANSWER_VARIANTS = ['email', 'short', 'phone'] as const;
export type AnswerVariant = (typeof ANSWER_VARIANTS)[number];

export const AnswerVariants = z
  .object({
    email: z.string().trim().min(1).max(20_000).optional(),
    short: z.string().trim().min(1).max(1_600).optional(),
    phone: z.string().trim().min(1).max(5_000).optional(),
  })
  .refine((v) => ANSWER_VARIANTS.some((k) => v[k] !== undefined), { message: 'an answer needs at least one variant' });
export type AnswerVariants = z.infer<typeof AnswerVariants>;

export const AnswerLink = z.object({ label: z.string().trim().min(1).max(200), url: SafeLink });
export type AnswerLink = z.infer<typeof AnswerLink>;

/** What a supervisor writes; the store adds the id, the version and who and when. */
export const AnswerContent = z.object({
  title: z.string().trim().min(1).max(200),
  /** Free theme name ("État civil", "Urbanisme", "Déchets", "Élections"): the library groups by it. */
  theme: z.string().trim().min(1).max(80),
  /** BCP 47 ("fr", "en"). */
  language: z.string().trim().min(2).max(35),
  variants: AnswerVariants,
  links: z.array(AnswerLink).max(10).default([]),
  /**
   * Answers that say the same in other languages share a `group` (the id of the first one
   * written): the library shows them side by side.
   */
  group: AnswerId.optional(),
  /** Retired answers stay readable (messages name them) but are no longer offered. */
  archived: z.boolean().default(false),
});
export type AnswerContent = z.infer<typeof AnswerContent>;

/** One version of an answer, as stored: versions count from 1 and are never changed. */
export const Answer = AnswerContent.extend({
  id: AnswerId,
  version: z.number().int().positive(),
  /** When and by whom this version was written. */
  at: z.string(),
  by: AgentId,
});
export type Answer = z.infer<typeof Answer>;

const themeOrder = new Intl.Collator('fr', { sensitivity: 'base' });

/** The library's order, the same on every adapter: theme, then title (French collation), then id. */
export function compareAnswers(a: Answer, b: Answer): number {
  return themeOrder.compare(a.theme, b.theme) || themeOrder.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The folded words a library search finds an answer by: its title, theme and every variant's text. */
export function answerWords(answer: AnswerContent): string[] {
  const texts = [answer.title, answer.theme, ...ANSWER_VARIANTS.map((v) => answer.variants[v] ?? '')];
  return [...new Set(foldWords(texts.join('\n')))];
}

/** True when every query word begins one of the answer's words (accent- and case-insensitive). */
export function answerMatches(words: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => words.some((w) => w.startsWith(q)));
}

/** How often an answer was used over a period (from the journal's sent messages): per channel and agent. */
export interface AnswerUsage {
  answerId: AnswerId;
  total: number;
  byChannel: Partial<Record<Channel, number>>;
  /** Most uses first, then by agent id; a message sent by no agent is not counted here. */
  byAgent: { agentId: AgentId; count: number }[];
  lastUsedAt: string;
}

/** GET /api/answers: the library's current answers, and how they were used lately. */
export interface AnswerListing {
  items: Answer[];
  /** Every theme of the current (non-archived) answers, for the library's grouping and filter. */
  themes: string[];
  /** Uses of each listed answer since `usageSince` (the last 90 days), most used first. */
  usage: AnswerUsage[];
  usageSince: string;
}

/** GET /api/reports/answers: uses per answer over a period of local days. */
export interface AnswerReport {
  from: string;
  to: string;
  /** Most used first, with the answer's current title and theme. */
  items: (AnswerUsage & { title: string; theme: string })[];
}
