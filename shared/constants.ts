// The closed lists of the model, without zod: the console imports these directly so its bundle
// does not carry the schema library for a few arrays. shared/model.ts builds its enums from them.

export const CHANNELS = ['email', 'phone', 'webchat', 'messenger', 'whatsapp', 'instagram', 'telegram'] as const;
export const IDENTITY_KINDS = [...CHANNELS, 'account'] as const;
export const ROLES = ['agent', 'supervisor', 'trainer', 'admin', 'trainee'] as const;
export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export const CALL_OUTCOMES = ['answered', 'missed', 'voicemail', 'abandoned', 'ringing'] as const;
export const DELIVERY_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
/**
 * Staff availability for routing. `available` takes new work; `busy` keeps what it has but is
 * offered nothing; `away` is a break; `offline` follows the last socket closing (presence).
 */
export const AGENT_STATES = ['available', 'busy', 'away', 'offline'] as const;
/** How automatic assignment picks among eligible agents (see server/domain/assignment). */
export const ASSIGNMENT_STRATEGIES = ['least-busy', 'round-robin'] as const;
export const SLA_KINDS = ['first_response', 'resolution'] as const;
