import type { WebchatRefusal } from '../../shared/webchat-events.js';
import type { WidgetLang } from './embed-config.js';

// French first: the widget speaks to a town's citizens. English when the page (or the tag) asks.

const fr = {
  launcher: 'Discuter avec la mairie',
  surveyButton: 'Donner mon avis',
  unread: (n: number) => (n === 1 ? '1 nouveau message' : `${n} nouveaux messages`),
  title: 'Messagerie de la mairie',
  close: 'Fermer la discussion',
  online: 'Un agent peut vous répondre.',
  offlineShort: 'Aucun agent disponible',
  offline: 'Aucun agent n’est disponible pour le moment. Laissez votre message et votre adresse e-mail : nous vous répondrons par e-mail.',
  contactPrefix: 'Vous pouvez aussi écrire à ',
  connecting: 'Connexion…',
  reconnecting: 'Connexion perdue, reconnexion en cours…',
  verified: 'Connecté avec votre compte citoyen.',
  empty: 'Posez votre question : un agent de la mairie vous répond ici.',
  log: 'Messages de la discussion',
  you: 'Vous',
  agent: 'Agent de la mairie',
  agentNamed: (name: string) => `${name}, mairie`,
  agentTyping: 'Un agent écrit…',
  message: 'Votre message',
  hint: 'Entrée pour envoyer, Maj+Entrée pour aller à la ligne.',
  send: 'Envoyer',
  name: 'Votre nom (facultatif)',
  email: 'Votre e-mail (facultatif)',
  replyEmail: 'Votre e-mail pour recevoir la réponse',
  prechatHint: 'Ces informations aident l’agent à vous répondre.',
  sending: 'Envoi…',
  notSent: 'Non envoyé.',
  retry: 'Réessayer',
  errors: {
    rate_limited: 'Vous envoyez des messages trop vite : patientez un instant.',
    too_long: (max: number) => `Votre message dépasse ${max} caractères.`,
    invalid_email: 'Cette adresse e-mail n’est pas valide.',
    failed: 'Le message n’a pas pu être envoyé.',
  },
  refusals: {
    unknown_site: 'La messagerie n’est pas disponible sur ce site.',
    origin_not_allowed: 'La messagerie n’est pas disponible sur ce site.',
    verified_mode_disabled: 'La messagerie n’est pas disponible sur ce site.',
    too_many_sessions: 'Trop de connexions depuis votre réseau : réessayez dans une minute.',
    bad_signature: 'Votre identité n’a pas pu être vérifiée : rechargez la page.',
    signature_expired: 'Votre session sécurisée a expiré : rechargez la page.',
    unavailable: 'La messagerie est momentanément indisponible.',
  } satisfies Record<WebchatRefusal, string>,
};

export type Strings = typeof fr;

const en: Strings = {
  launcher: 'Chat with the town hall',
  surveyButton: 'Give my opinion',
  unread: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
  title: 'Town hall chat',
  close: 'Close the chat',
  online: 'An agent can answer you.',
  offlineShort: 'No agent available',
  offline: 'No agent is available right now. Leave your message and your email address: we will answer by email.',
  contactPrefix: 'You can also write to ',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
  verified: 'Signed in with your citizen account.',
  empty: 'Ask your question: a town hall agent answers you here.',
  log: 'Chat messages',
  you: 'You',
  agent: 'Town hall agent',
  agentNamed: (name) => `${name}, town hall`,
  agentTyping: 'An agent is typing…',
  message: 'Your message',
  hint: 'Enter to send, Shift+Enter for a new line.',
  send: 'Send',
  name: 'Your name (optional)',
  email: 'Your email (optional)',
  replyEmail: 'Your email to receive the answer',
  prechatHint: 'This helps the agent answer you.',
  sending: 'Sending…',
  notSent: 'Not sent.',
  retry: 'Retry',
  errors: {
    rate_limited: 'You are sending messages too fast: please wait a moment.',
    too_long: (max) => `Your message is longer than ${max} characters.`,
    invalid_email: 'This email address is not valid.',
    failed: 'The message could not be sent.',
  },
  refusals: {
    unknown_site: 'The chat is not available on this site.',
    origin_not_allowed: 'The chat is not available on this site.',
    verified_mode_disabled: 'The chat is not available on this site.',
    too_many_sessions: 'Too many connections from your network: try again in a minute.',
    bad_signature: 'Your identity could not be verified: reload the page.',
    signature_expired: 'Your secure session has expired: reload the page.',
    unavailable: 'The chat is unavailable for the moment.',
  },
};

export function stringsFor(lang: WidgetLang): Strings {
  return lang === 'en' ? en : fr;
}
