import type { ActivityLine } from '../../../shared/timeline-activity.js';

/** An i18n key and its values: the words are the locale's, the choice of sentence is here. */
export interface ActivityText {
  key: string;
  values: Record<string, string>;
}

/**
 * The sentence of one activity line. Names come from the staff directory, then from the name the
 * journal kept (an account renamed since reads as it is now); `unknown` stands in when neither is known.
 */
export function activityText(line: ActivityLine, agentName: (id: string | undefined) => string | null, unknown: string): ActivityText {
  const nameOf = (id: string | null | undefined, journaled?: string) => agentName(id ?? undefined) ?? journaled ?? unknown;
  const actor = nameOf(line.actor.id, line.actor.name);
  switch (line.kind) {
    case 'assigned':
      return { key: `timeline.activity.assigned.${line.by}`, values: { actor, assignee: nameOf(line.assigneeId) } };
    case 'unassigned':
      // Nobody had it and nobody has it: nothing to name but who put it back.
      if (line.previousAssigneeId === null && line.by === 'agent') return { key: 'timeline.activity.unassigned.returned', values: { actor } };
      return { key: `timeline.activity.unassigned.${line.by}`, values: { actor, previous: nameOf(line.previousAssigneeId) } };
    case 'status': {
      // Only a message of theirs reopens; anything else the citizen's side causes reads as automatic.
      const by = line.by === 'citizen' && line.status !== 'open' ? 'auto' : line.by;
      return { key: `timeline.activity.status.${line.status}.${by}`, values: { actor } };
    }
  }
}
