// How sure Guichet is that an identity belongs to the person behind a citizen record, from least
// to most. Kept without zod (like constants.ts) so the console's badge does not pull the schema
// library into its first load.
//
// - unverified: typed by someone (a pre-chat form's email, a number given in a message);
// - channel: proved by the channel itself (the SMTP sender, the caller id, a Meta or Telegram account);
// - confirmed: a member of staff checked it (who and how are kept with it);
// - portal: signed by the town's portal (the web chat's verified mode);
// - franceconnect: a portal assertion that carries a FranceConnect / eIDAS level.

export const IDENTITY_LEVELS = ['unverified', 'channel', 'confirmed', 'portal', 'franceconnect'] as const;
export type IdentityLevel = (typeof IDENTITY_LEVELS)[number];

/** eIDAS assurance levels as FranceConnect names them: eidas1 low (FranceConnect), eidas2 substantial, eidas3 high (FranceConnect+). */
export const EIDAS_LEVELS = ['eidas1', 'eidas2', 'eidas3'] as const;
export type EidasLevel = (typeof EIDAS_LEVELS)[number];

export function levelRank(level: IdentityLevel): number {
  return IDENTITY_LEVELS.indexOf(level);
}

export function atLeast(level: IdentityLevel, required: IdentityLevel): boolean {
  return levelRank(level) >= levelRank(required);
}

export function strongerLevel(a: IdentityLevel, b: IdentityLevel): IdentityLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/**
 * Whether an identity at this level may, on its own, attach a sender to an existing citizen.
 * Only what a channel or better proved joins automatically: a typed address must never open
 * someone else's history.
 */
export function joinsAutomatically(level: IdentityLevel): boolean {
  return atLeast(level, 'channel');
}

/** Journals written before levels existed say `verified: true|false`. */
export function levelOfLegacy(verified: boolean | undefined): IdentityLevel {
  return verified ? 'channel' : 'unverified';
}

/** How strongly a citizen is known: their strongest identity's level (and its eIDAS level). */
export interface IdentityStanding {
  level: IdentityLevel;
  eidas?: EidasLevel | undefined;
}

/** The citizen's strongest identity, for a badge beside their name; null without any. */
export function strongestIdentity(identities: readonly IdentityStanding[]): IdentityStanding | null {
  let best: IdentityStanding | null = null;
  for (const i of identities) if (best === null || levelRank(i.level) > levelRank(best.level)) best = { level: i.level, ...(i.eidas ? { eidas: i.eidas } : {}) };
  return best;
}
