import type { Agent } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';

// Apart from AdminPage: the header and the router ask it on every page, and must not load the
// administration screens to do so.

export type AdminSection = 'accounts' | 'routing' | 'channels' | 'history' | 'security' | 'answers';

/** What each section needs: admins see all of them, supervisors the routing of their queues and the answer library. */
export function adminSections(agent: Pick<Agent, 'role'>): AdminSection[] {
  const sections: AdminSection[] = [];
  if (can(agent.role, 'staff:manage')) sections.push('accounts');
  if (can(agent.role, 'routing:manage')) sections.push('routing', 'history');
  if (can(agent.role, 'settings:manage')) sections.push('channels', 'security');
  if (can(agent.role, 'answers:manage')) sections.push('answers');
  return sections;
}
