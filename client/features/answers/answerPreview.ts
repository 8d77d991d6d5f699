import { chooseVariant, fillPlaceholders, placeholderValues, type VariantChoice } from '../../../shared/answer-text.js';
import type { Answer } from '../../../shared/answers.js';
import type { Channel } from '../../../shared/model.js';

/** What the console knows to fill an answer's placeholders with. */
export interface PreviewContext {
  citizenName?: string | undefined;
  agentName?: string | undefined;
  queueName?: string | undefined;
  now: Date;
}

export interface AnswerPreview extends VariantChoice {
  /** Placeholders still to fill, by name, in order. */
  missing: string[];
  /** Characters of the filled text. */
  length: number;
}

/**
 * The text an answer would put into a reply on this channel: its variant for the channel, filled
 * from the conversation, then from what the agent typed into the preview (which wins, so a wrong
 * automatic value can be corrected before insertion).
 */
export function previewAnswer(answer: Answer, channel: Channel, ctx: PreviewContext, typed: Readonly<Record<string, string>> = {}): AnswerPreview | null {
  const auto = placeholderValues({ citizenName: ctx.citizenName, agentName: ctx.agentName, queueName: ctx.queueName, now: ctx.now, language: answer.language });
  const values: Record<string, string | undefined> = { ...auto };
  for (const [name, value] of Object.entries(typed)) if (value.trim()) values[name] = value;
  const fill = (text: string) => fillPlaceholders(text, values).text;
  const choice = chooseVariant(answer.variants, channel, fill);
  if (!choice) return null;
  const raw = answer.variants[choice.variant] ?? '';
  return { ...choice, missing: fillPlaceholders(raw, values).missing, length: [...choice.text].length };
}
