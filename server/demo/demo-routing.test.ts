import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRoutingSetupJson } from '../domain/routing-setup/index.js';
import { ALL_QUEUE_IDS, DEMO_AGENT_LIST, QUEUE_ACCUEIL } from './demo-directory.js';
import { DEMO_ROUTING } from './demo-routing.js';

describe('demo routing setup', () => {
  it('is a valid ROUTING_FILE as it stands on disk', () => {
    const text = readFileSync(new URL('./demo-routing.json', import.meta.url), 'utf8');
    expect(parseRoutingSetupJson(text, 'demo-routing.json')).toEqual(DEMO_ROUTING);
  });

  it('names the demo’s queues and staff', () => {
    expect(DEMO_ROUTING.queues.map((q) => q.id)).toEqual([...ALL_QUEUE_IDS]);
    expect(DEMO_ROUTING.queues.filter((q) => q.isDefault).map((q) => q.id)).toEqual([QUEUE_ACCUEIL]);
    const emails = new Set(DEMO_AGENT_LIST.map((a) => a.email));
    for (const agent of DEMO_ROUTING.agents) expect(emails).toContain(agent.email);
  });

  it('sets a target for every channel of every queue, in a declared calendar', () => {
    for (const queue of DEMO_ROUTING.queues) {
      expect(queue.serviceLevels?.['default']?.firstResponseMinutes, queue.id).toBeGreaterThan(0);
      expect(DEMO_ROUTING.calendars.map((c) => c.id)).toContain(queue.calendarId);
    }
    // A skill required by a queue is held by someone who works it.
    // The civil-status queue sends acts and identity papers: the citizen must be signed in by the portal.
    expect(DEMO_ROUTING.queues.find((q) => q.id === 'que_etat_civil')?.requiredLevel).toBe('portal');
    for (const queue of DEMO_ROUTING.queues.filter((q) => q.requiredSkill)) {
      const members = DEMO_AGENT_LIST.filter((a) => a.queueIds.includes(queue.id)).map((a) => a.email);
      expect(DEMO_ROUTING.agents.some((a) => members.includes(a.email) && a.skills?.includes(queue.requiredSkill!)), queue.id).toBe(true);
    }
  });
});
