import { z } from 'zod';

export const SURVEY_LANGUAGES = ['fr', 'en'] as const;
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number];

/** Every text the citizen sees around a survey; `{link}` is replaced in `emailText`. */
export const SurveyWording = z.object({
  question: z.string().min(1).max(300),
  scaleLow: z.string().min(1).max(80),
  scaleHigh: z.string().min(1).max(80),
  commentLabel: z.string().min(1).max(200),
  submit: z.string().min(1).max(60),
  thanks: z.string().min(1).max(300),
  alreadyAnswered: z.string().min(1).max(300),
  invalidLink: z.string().min(1).max(300),
  /** Email and web chat: the message carrying the link. */
  linkText: z.string().min(1).max(1000),
  /** WhatsApp, Messenger and other messaging apps: the message asking for a digit. */
  replyText: z.string().min(1).max(1000),
});
export type SurveyWording = z.infer<typeof SurveyWording>;

/** What a deployment may override (SURVEY_WORDING, JSON): any text, per language. */
export const SurveyWordingOverrides = z.object({ fr: SurveyWording.partial().optional(), en: SurveyWording.partial().optional() }).strict();
export type SurveyWordingOverrides = z.infer<typeof SurveyWordingOverrides>;

export const DEFAULT_WORDING: Readonly<Record<SurveyLanguage, SurveyWording>> = {
  fr: {
    question: 'Êtes-vous satisfait(e) de la réponse apportée à votre demande ?',
    scaleLow: '1 — pas du tout satisfait(e)',
    scaleHigh: '5 — très satisfait(e)',
    commentLabel: 'Un commentaire ? (facultatif)',
    submit: 'Envoyer mon avis',
    thanks: 'Merci, votre avis a bien été enregistré.',
    alreadyAnswered: 'Vous avez déjà répondu à ce questionnaire. Merci !',
    invalidLink: 'Ce lien de questionnaire n’est pas valide.',
    linkText: 'Votre demande a été traitée. Êtes-vous satisfait(e) de notre réponse ? Donnez votre avis en une question : {link}',
    replyText: 'Votre demande a été traitée. Êtes-vous satisfait(e) de notre réponse ? Répondez par un chiffre de 1 (pas du tout) à 5 (très satisfait).',
  },
  en: {
    question: 'Are you satisfied with the answer to your request?',
    scaleLow: '1 — not at all satisfied',
    scaleHigh: '5 — very satisfied',
    commentLabel: 'Any comment? (optional)',
    submit: 'Send my answer',
    thanks: 'Thank you, your answer has been recorded.',
    alreadyAnswered: 'You have already answered this survey. Thank you!',
    invalidLink: 'This survey link is not valid.',
    linkText: 'Your request has been handled. Are you satisfied with our answer? Tell us in one question: {link}',
    replyText: 'Your request has been handled. Are you satisfied with our answer? Reply with a digit from 1 (not at all) to 5 (very satisfied).',
  },
};

export function resolveWording(overrides: SurveyWordingOverrides = {}): Record<SurveyLanguage, SurveyWording> {
  return { fr: { ...DEFAULT_WORDING.fr, ...overrides.fr }, en: { ...DEFAULT_WORDING.en, ...overrides.en } };
}
