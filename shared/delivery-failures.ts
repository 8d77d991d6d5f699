// Why a reply did not reach the citizen, as a code the console words in the agent's language.
// The journal's `reason` beside it keeps the words of whoever refused (the mail relay's reply, the
// provider's error), which the console quotes as theirs, untranslated.

export const DELIVERY_FAILURES = [
  /** No sender is configured for the channel on this server. */
  'channel_not_configured',
  /** The citizen has no address on the channel. */
  'no_address',
  /** Longer than the channel accepts. */
  'too_long',
  /** Our mail relay refused the message. */
  'relay_refused',
  /** The messaging provider's API refused it. */
  'provider_refused',
  /** Accepted, then reported undeliverable (a bounce, a failed WhatsApp receipt). */
  'undeliverable',
  /** Every retry failed (the channel stayed unreachable). */
  'gave_up',
] as const;

export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number];

/** Failures whose `reason` is the refusing party's own words, worth quoting to the agent. */
export const QUOTES_PROVIDER: ReadonlySet<DeliveryFailure> = new Set(['relay_refused', 'provider_refused', 'undeliverable', 'gave_up']);
