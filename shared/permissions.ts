import type { Role } from './model.js';

// One table of who may do what, read by the REST routes, the socket gateway and the console
// (which hides what the server would refuse anyway).
export const PERMISSIONS = {
  'inbox:read': ['agent', 'supervisor', 'admin'],
  'citizen:read': ['agent', 'supervisor', 'admin'],
  'message:send': ['agent', 'supervisor', 'admin'],
  'note:add': ['agent', 'supervisor', 'admin'],
  'conversation:assign': ['agent', 'supervisor', 'admin'],
  'conversation:set-status': ['agent', 'supervisor', 'admin'],
  /** Watch every queue live: the supervisors' room. */
  'supervisor:subscribe': ['supervisor', 'admin'],
  'agents:read': ['agent', 'supervisor', 'trainer', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
