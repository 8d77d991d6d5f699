// Why a request was refused, as a stable code the console words in the agent's language. The
// error's `message` stays English for logs and API clients; a screen never shows it. A refusal a
// person can meet at the console has a reason here, and each reason has French and English words
// (checked by client/app/locales.test.ts).

export const ERROR_REASONS = [
  // The console's own: the server did not answer in time, or the connection is down.
  'no_answer',
  'not_connected',
  'interrupted',
  // Offers of automatic assignment.
  'offer_expired',
  'offer_ended',
  'no_pending_offer',
  // Replies and notes.
  'channel_not_writable',
  'no_address_on_channel',
  'too_many_messages',
  'too_many_writes',
  'unfilled_placeholder',
  'unknown_answer',
  // Conversations and calls.
  'assignee_not_staff',
  'active_conversation_exists',
  'no_phone_number',
  'not_a_call',
  'whisper_needs_agent',
  'whisper_target_not_staff',
  'state_changed_concurrently',
  'supervisor_only',
  // Accounts.
  'account_exists',
  'last_admin',
  'own_account',
  'reactivate_first',
  'link_used',
  'link_expired',
  // The answer library.
  'answer_changed',
  // Routing setup and replays.
  'setup_changed',
  'supervisor_scope',
  'annotation_not_author',
  'course_not_assigned',
  'replay_not_in_courses',
  // One citizen: merges and unmerges.
  'reason_required',
  'same_citizen',
  'already_merged',
  'not_merged',
  'merged_since',
  // One citizen: the profile (identities added, confirmed, removed by hand).
  'identity_format',
  'identity_held_elsewhere',
  'identity_already_held',
  'identity_not_found',
  'identity_channel_proved',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];
