import type { Channel, Identity, IdentityKind } from '../../shared/model.js';
import { atLeast } from '../../shared/identity-levels.js';

// How the console names a citizen's identities and, when they have no name, the citizen: never
// by a raw technical identifier. A web-chat identity's value is a session hash (`wcs_…`) and a
// Messenger, Instagram or Telegram one a platform's numeric id: they mean nothing to a person,
// and the web-chat one is the key to the visitor's session. One rule for every screen (citizen
// panel, conversation header, inbox rows, the replay's citizen card).

/** Words from the locale (`key` with `values`), or text shown as it is. */
export type DisplayText = { key: string; values?: Record<string, string> } | { text: string };

export interface IdentityDisplay {
  label: DisplayText;
  /** What to show beside the label: an address, a number, an account; null when there is nothing a person can read. */
  value: string | null;
}

/** Kinds whose value is a platform's internal id, not something the citizen would recognise. */
const PLATFORM_IDS: readonly IdentityKind[] = ['messenger', 'instagram', 'telegram'];

export function identityDisplay(identity: Pick<Identity, 'kind' | 'value' | 'level'>, all: readonly Pick<Identity, 'kind' | 'value' | 'level'>[]): IdentityDisplay {
  const kind = { key: `identity.${identity.kind}` };
  if (identity.kind === 'webchat') {
    // Signed by the portal (the verified mode); an anonymous session proves only itself.
    if (!atLeast(identity.level, 'portal')) return { label: { key: 'identity.shown.webchatAnonymous' }, value: null };
    // A signed-in visit: the portal account it was signed with is what identifies the person.
    const account = all.find((i) => i.kind === 'account' && atLeast(i.level, 'portal'));
    return { label: { key: 'identity.shown.webchatVerified' }, value: account?.value ?? null };
  }
  if (PLATFORM_IDS.includes(identity.kind)) return { label: { key: 'identity.shown.platformLinked', values: { channel: identity.kind } }, value: null };
  return { label: kind, value: identity.value };
}

const WEBCHAT_SESSION = /^wcs_[A-Za-z0-9_-]{8,}$/;
const PLATFORM_ID = /^\d{6,}$/;

/**
 * The citizen's name as shown. Ingest names a citizen after their address when the channel gives
 * no name (a Messenger sender arrives as a page-scoped id): such a name is replaced by words.
 */
export function citizenNameDisplay(name: string, channels: readonly (Channel | IdentityKind)[]): DisplayText {
  const trimmed = name.trim();
  if (WEBCHAT_SESSION.test(trimmed)) return { key: 'identity.shown.webchatAnonymous' };
  if (PLATFORM_ID.test(trimmed)) {
    const channel = channels.find((c) => PLATFORM_IDS.includes(c));
    if (channel) return { key: 'identity.shown.platformContact', values: { channel } };
  }
  return { text: name };
}

/** The text of a DisplayText with the caller's `t`; a channel value is translated first. */
export function displayText(d: DisplayText, t: (key: string, values?: Record<string, string>) => string): string {
  if ('text' in d) return d.text;
  const values = d.values?.channel ? { ...d.values, channel: t(`channel.${d.values.channel}`) } : d.values;
  return t(d.key, values);
}
