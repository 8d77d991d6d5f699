import type { Identity } from './model.js';

/**
 * Whether a channel proved the identity (it came in on a message) rather than a member of staff
 * typing it: removing it is then for supervisors and admins (`identity:remove-proved`), an agent
 * removes only what staff added by mistake. One rule for the server and the console's buttons.
 */
export function provedByChannel(identity: Pick<Identity, 'level' | 'source'>): boolean {
  if (identity.source?.messageId !== undefined) return true;
  // Held from before sources were kept: what a channel or better said is taken as the channel's.
  if (identity.source?.agentId === undefined) return identity.level !== 'unverified';
  return false;
}
