import type { AnswerVariant, AnswerVariants } from './answers.js';
import { textLimit } from './channel-limits.js';
import type { Channel } from './model.js';

// From a library answer to the text a citizen receives: pick the variant the channel calls for,
// fill its placeholders, and say what is left to fill. Shared so that the composer's preview and
// the server's refusal can never disagree on what counts as unfilled.

/** `{{citoyen.nom}}`, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([\p{L}\p{N}_.-]*)\s*\}\}/gu;

/** Placeholders Guichet fills itself from the citizen, the agent, the queue and the day. */
export const AUTO_PLACEHOLDERS = ['citoyen.nom', 'agent.prenom', 'agent.nom', 'service.nom', 'date.jour'] as const;
export type AutoPlaceholder = (typeof AUTO_PLACEHOLDERS)[number];

/** Each distinct placeholder name in a text, in order of first appearance. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/**
 * What a text still holds that a citizen must never receive: every `{{…}}` left (by name; an empty
 * pair as ""), and a lone `{{` or `}}` (as the brace itself), since a half-deleted placeholder is
 * as wrong in a reply as a whole one.
 */
export function unfilledPlaceholders(text: string): string[] {
  const names = placeholderNames(text);
  const rest = text.replace(PLACEHOLDER, '');
  const stray = [rest.includes('{{') ? '{{' : null, rest.includes('}}') ? '}}' : null].filter((s): s is string => s !== null);
  return [...names, ...stray];
}

/** Replaces each placeholder that has a non-blank value; the others stay as written, and are listed. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name]?.trim();
    if (value) return value;
    missing.add(name);
    return whole;
  });
  return { text: filled, missing: [...missing] };
}

export interface PlaceholderContext {
  citizenName?: string | undefined;
  agentName?: string | undefined;
  queueName?: string | undefined;
  now: Date;
  /** The answer's language: dates are written in it. */
  language: string;
  /** The town's time zone, for "today". */
  timeZone?: string;
}

/**
 * The values Guichet knows. A citizen known only by an address (a phone number, an email) has no
 * name to greet them by: `citoyen.nom` is left for the agent rather than filled with the address.
 */
export function placeholderValues(ctx: PlaceholderContext): Partial<Record<AutoPlaceholder, string>> {
  const values: Partial<Record<AutoPlaceholder, string>> = {};
  const citizen = ctx.citizenName?.trim();
  if (citizen && !looksLikeAddress(citizen)) values['citoyen.nom'] = citizen;
  const agent = ctx.agentName?.trim();
  if (agent) {
    values['agent.nom'] = agent;
    values['agent.prenom'] = agent.split(/\s+/)[0] ?? agent;
  }
  const queue = ctx.queueName?.trim();
  if (queue) values['service.nom'] = queue;
  const locale = ctx.language.toLowerCase().startsWith('en') ? 'en-GB' : 'fr-FR';
  values['date.jour'] = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: ctx.timeZone ?? 'Europe/Paris' }).format(ctx.now);
  return values;
}

function looksLikeAddress(name: string): boolean {
  return name.includes('@') || /^\+?[\d\s.()-]{6,}$/.test(name);
}

/** Which variants suit a channel, best first: the phone reads aloud, email writes in full, the rest are short. */
function preference(channel: Channel): readonly AnswerVariant[] {
  if (channel === 'email') return ['email', 'short', 'phone'];
  if (channel === 'phone') return ['phone', 'short', 'email'];
  return ['short', 'email', 'phone'];
}

export interface VariantChoice {
  variant: AnswerVariant;
  text: string;
  /** The channel's limit for one message, if it has one. */
  limit: number | null;
  /** False when even the best fitting variant is longer than the channel takes in one message. */
  fits: boolean;
}

/**
 * The variant to send on a channel: the first of the channel's preference order that is written
 * and, once filled, fits the channel's length limit (a long email text is never pushed into an
 * Instagram reply when a short one exists, nor a short one chosen for email when the full one is
 * written). When none fits, the preferred written one, marked as not fitting: the composer says so.
 * `fill` lets the length be measured on the filled text, which is what is sent.
 */
export function chooseVariant(variants: AnswerVariants, channel: Channel, fill: (text: string) => string = (t) => t): VariantChoice | null {
  const limit = textLimit(channel);
  const written = preference(channel).flatMap((variant) => {
    const raw = variants[variant];
    return raw === undefined ? [] : [{ variant, text: fill(raw) }];
  });
  const fitting = written.find((w) => limit === null || [...w.text].length <= limit);
  const chosen = fitting ?? written[0];
  if (!chosen) return null;
  return { ...chosen, limit, fits: fitting !== undefined };
}
