import { can, type Agent, type ReplayRef } from '../../../shared/index.js';
import { DomainError } from '../errors.js';
import type { Store } from '../ports.js';

// Who may open which replay. Trainers, supervisors and admins open any (masked); a trainee only
// the replays of the courses assigned to them — asked for anything else, the answer is 403
// whether or not it exists, so a trainee cannot probe which conversations exist.

export function sameReplay(a: ReplayRef, b: ReplayRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}

export async function canOpenReplay(viewer: Pick<Agent, 'id' | 'role'>, ref: ReplayRef, store: Pick<Store, 'listCourses'>): Promise<boolean> {
  if (can(viewer.role, 'replay:read')) return true;
  if (!can(viewer.role, 'course:play')) return false;
  const courses = await store.listCourses({ traineeId: viewer.id });
  return courses.some((c) => c.items.some((item) => sameReplay(item.replay, ref)));
}

export async function assertCanOpenReplay(viewer: Pick<Agent, 'id' | 'role'>, ref: ReplayRef, store: Pick<Store, 'listCourses'>): Promise<void> {
  if (!(await canOpenReplay(viewer, ref, store))) {
    if (can(viewer.role, 'course:play')) throw new DomainError('forbidden', 'this replay is not in your courses', { reason: 'replay_not_in_courses' });
    throw new DomainError('forbidden', `your role (${viewer.role}) may not open replays`);
  }
}

export function assertCan(viewer: Pick<Agent, 'role'>, permission: Parameters<typeof can>[1]): void {
  if (!can(viewer.role, permission)) throw new DomainError('forbidden', `your role (${viewer.role}) may not do this`);
}
