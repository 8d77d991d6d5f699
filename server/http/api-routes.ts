import { Router } from 'express';
import {
  CitizenId,
  ConversationId,
  InboxFilter,
  TimelineQuery,
  type ConversationDetail,
  type Message,
  type Directory,
} from '../../shared/index.js';
import { z } from 'zod';
import { toAgent } from '../auth/session-service.js';
import { canActOn, visibleQueues } from '../domain/access.js';
import { DomainError, parseOrReject } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import type { SessionService } from '../auth/session-service.js';
import { agentOf, requireStaff } from './session-middleware.js';

const SearchQuery = z.object({
  q: z.string().trim().min(2, 'type at least two characters').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** The console's read API. Writes go through the socket commands (one path, one ack). */
export function apiRoutes(store: Store, sessions: SessionService): Router {
  const router = Router();

  router.get('/directory', requireStaff(sessions, 'agents:read'), async (_req, res) => {
    const [agents, queues] = await Promise.all([store.listAgents(), store.listQueues()]);
    res.json({ agents: agents.map(toAgent), queues } satisfies Directory);
  });

  router.get('/conversations', requireStaff(sessions, 'inbox:read'), async (req, res) => {
    const agent = agentOf(res);
    const filter = parseOrReject(InboxFilter, req.query, 'inbox filter');
    const queueIds = visibleQueues(agent);
    const page = await store.listConversations({
      ...(filter.queueId ? { queueId: filter.queueId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.cursor ? { cursor: filter.cursor } : {}),
      ...(queueIds ? { queueIds } : {}),
      ...(filter.scope === 'mine' ? { assigneeId: agent.id } : filter.scope === 'unassigned' ? { assigneeId: null } : {}),
      limit: filter.limit,
    });
    res.json(page);
  });

  router.get('/conversations/:id', requireStaff(sessions, 'inbox:read'), async (req, res) => {
    const id = parseOrReject(ConversationId, req.params.id, 'conversation id');
    const conversation = await store.getConversation(id);
    if (!conversation) throw new DomainError('not_found', 'no such conversation');
    if (!canActOn(agentOf(res), conversation)) throw new DomainError('forbidden', 'this conversation is outside your queues');
    const citizen = await store.getCitizen(conversation.citizenId);
    if (!citizen) throw new Error(`conversation ${id} has no citizen`);
    res.json({ conversation, citizen } satisfies ConversationDetail);
  });

  router.get('/citizens/:id', requireStaff(sessions, 'citizen:read'), async (req, res) => {
    const id = parseOrReject(CitizenId, req.params.id, 'citizen id');
    const citizen = await store.getCitizen(id);
    if (!citizen) throw new DomainError('not_found', 'no such citizen');
    res.json({ citizen, conversations: await store.listCitizenConversations(id) });
  });

  router.get('/citizens/:id/timeline', requireStaff(sessions, 'citizen:read'), async (req, res) => {
    const id = parseOrReject(CitizenId, req.params.id, 'citizen id');
    const query = parseOrReject(TimelineQuery, req.query, 'timeline query');
    if (query.before && query.after) throw new DomainError('bad_request', 'give either before or after, not both');
    if (!(await store.getCitizen(id))) throw new DomainError('not_found', 'no such citizen');
    res.json(await store.timeline(id, query));
  });

  router.get('/search', requireStaff(sessions, 'inbox:read'), async (req, res) => {
    const { q, limit } = parseOrReject(SearchQuery, req.query, 'search');
    const agent = agentOf(res);
    // The index spans every queue; what the caller may not open is dropped here.
    const found = await store.searchMessages(q, limit);
    const reachable: Message[] = [];
    for (const message of found) {
      const conversation = await store.getConversation(message.conversationId);
      if (conversation && canActOn(agent, conversation)) reachable.push(message);
    }
    res.json({ items: reachable });
  });

  return router;
}
