import type { Role } from './model.js';

// One table of who may do what, read by the REST routes, the socket gateway and the console
// (which hides what the server would refuse anyway).
export const PERMISSIONS = {
  'inbox:read': ['agent', 'supervisor', 'admin'],
  'citizen:read': ['agent', 'supervisor', 'admin'],
  /** Merge two records of one person (within the citizens one may see), dismiss a suggestion. */
  'citizen:merge': ['agent', 'supervisor', 'admin'],
  /** Undo a merge. */
  'citizen:unmerge': ['supervisor', 'admin'],
  /** Edit a visible citizen's profile: name, preferred channel and language, notes, identities added or confirmed by hand. */
  'citizen:edit': ['agent', 'supervisor', 'admin'],
  /** Remove an identity a channel proved (one a message came in on); an agent removes only those staff added. */
  'identity:remove-proved': ['supervisor', 'admin'],
  'message:send': ['agent', 'supervisor', 'admin'],
  'note:add': ['agent', 'supervisor', 'admin'],
  'conversation:assign': ['agent', 'supervisor', 'admin'],
  'conversation:set-status': ['agent', 'supervisor', 'admin'],
  /** Set one's own routing state, and answer the offers of automatic assignment. */
  'agent:own-state': ['agent', 'supervisor', 'admin'],
  /** Set another agent's routing state (from the board). */
  'agent:set-state': ['supervisor', 'admin'],
  /** Watch every queue live: the supervisors' room. */
  'supervisor:subscribe': ['supervisor', 'admin'],
  /** Open any live conversation read-only without marking it read, and whisper to its agent. */
  'supervisor:monitor': ['supervisor', 'admin'],
  /** Channel, queue and agent reports, and their CSV exports. */
  'reports:read': ['supervisor', 'admin'],
  'agents:read': ['agent', 'supervisor', 'trainer', 'admin', 'trainee'],
  /** Open any conversation or citizen history as a replay, masked. */
  'replay:read': ['trainer', 'supervisor', 'admin'],
  /** Pin comments on a replay's timeline. */
  'replay:annotate': ['trainer', 'supervisor', 'admin'],
  /** See a replay with the citizen's real data; each use is journaled. */
  'replay:unmask': ['supervisor', 'admin'],
  /** Build courses (playlists of replays) and assign them to trainees. */
  'training:manage': ['trainer', 'admin'],
  /** Play the replays of the courses assigned to oneself, and nothing else. */
  'course:play': ['trainee'],
  /** Staff accounts: invite, change roles and queues, deactivate, reset passwords and second factors. */
  'staff:manage': ['admin'],
  /** Routing setup (calendars, queues, service levels): admins everywhere, supervisors for their queues. */
  'routing:manage': ['admin', 'supervisor'],
  /** Read the answer library and insert its answers into replies. */
  'answers:read': ['agent', 'supervisor', 'trainer', 'admin', 'trainee'],
  /** Write, edit and retire library answers. */
  'answers:manage': ['supervisor', 'admin'],
  /** Channels' state and the deployment's settings (two-factor sign-in per role). */
  'settings:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
