// The closed lists of the model, without zod: the console imports these directly so its bundle
// does not carry the schema library for a few arrays. shared/model.ts builds its enums from them.

export const CHANNELS = ['email', 'phone', 'webchat', 'messenger', 'whatsapp', 'instagram', 'telegram'] as const;
export const IDENTITY_KINDS = [...CHANNELS, 'account'] as const;
export const ROLES = ['agent', 'supervisor', 'trainer', 'admin', 'trainee'] as const;
export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export const CALL_OUTCOMES = ['answered', 'missed', 'voicemail', 'abandoned', 'ringing'] as const;
export const DELIVERY_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
