import type { AnswerUsage } from '../../../shared/answers.js';
import type { AgentId } from '../../../shared/index.js';
import type { AnswerUseRow } from '../ports.js';

export type { AnswerUsage };

/** Counts uses per answer, channel and agent; answers most used first, then by id. */
export function answerUsage(uses: readonly AnswerUseRow[]): AnswerUsage[] {
  const byAnswer = new Map<string, { usage: AnswerUsage; agents: Map<AgentId, number> }>();
  for (const use of uses) {
    let entry = byAnswer.get(use.answerId);
    if (!entry) {
      entry = { usage: { answerId: use.answerId, total: 0, byChannel: {}, byAgent: [], lastUsedAt: use.at }, agents: new Map() };
      byAnswer.set(use.answerId, entry);
    }
    const { usage, agents } = entry;
    usage.total += 1;
    usage.byChannel[use.channel] = (usage.byChannel[use.channel] ?? 0) + 1;
    if (use.at > usage.lastUsedAt) usage.lastUsedAt = use.at;
    if (use.agentId !== null) agents.set(use.agentId, (agents.get(use.agentId) ?? 0) + 1);
  }
  return [...byAnswer.values()]
    .map(({ usage, agents }) => ({
      ...usage,
      byAgent: [...agents].map(([agentId, count]) => ({ agentId, count })).sort((a, b) => b.count - a.count || (a.agentId < b.agentId ? -1 : 1)),
    }))
    .sort((a, b) => b.total - a.total || (a.answerId < b.answerId ? -1 : 1));
}
