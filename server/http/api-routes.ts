import { Router } from 'express';
import {
  CitizenId,
  ConversationId,
  InboxFilter,
  TimelineQuery,
  SearchRequest,
  visibilityFilter,
  type CitizenFile,
  type ConversationDetail,
  type InboxPage,
  type TimelinePage,
  type Directory,
  type DuplicateSuggestion,
  type MergeHistoryEntry,
  type SearchResults,
} from '../../shared/index.js';
import { strongestIdentity, type IdentityStanding } from '../../shared/identity-levels.js';
import { toAgent } from '../auth/session-service.js';
import { AccessGate } from '../domain/access.js';
import type { CitizenMergeService } from '../domain/citizens/merge-service.js';
import { DomainError, parseOrReject } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import { SearchService } from '../domain/search/search-service.js';
import { MentionInbox } from '../domain/mentions/mention-inbox.js';
import type { MentionsPage } from '../../shared/mention-inbox.js';
import type { SessionService } from '../auth/session-service.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

/** The console's read API. Writes go through the socket commands (one path, one ack). */
export function apiRoutes(store: Store, sessions: SessionService, merges: CitizenMergeService): Router {
  const router = Router();
  const guard = guardFor(sessions);
  const gate = new AccessGate(store);
  const search = new SearchService(store);
  const mentions = new MentionInbox(store);

  router.get('/directory', guard('GET /api/directory'), async (_req, res) => {
    const [agents, queues] = await Promise.all([store.listAgents(), store.listQueues()]);
    res.json({ agents: agents.map(toAgent), queues } satisfies Directory);
  });

  router.get('/conversations', guard('GET /api/conversations'), async (req, res) => {
    const agent = agentOf(res);
    const filter = parseOrReject(InboxFilter, req.query, 'inbox filter');
    const scope = visibilityFilter(agent);
    if (scope === null) return res.json({ items: [], nextCursor: null, total: 0 } satisfies InboxPage);
    const filters = {
      ...(filter.queueId ? { queueId: filter.queueId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(scope ? { visibleTo: scope } : {}),
      ...(filter.scope === 'mine' ? { assigneeId: agent.id } : filter.scope === 'unassigned' ? { assigneeId: null } : {}),
      ...(filter.scope === 'mentions' ? { mentioned: agent.id } : {}),
    };
    // The count runs beside the page, not in one snapshot: a conversation arriving in between may
    // make them differ by one until the next page, which the console's live pushes absorb anyway.
    const [page, total] = await Promise.all([
      store.listConversations({ ...filters, ...(filter.cursor ? { cursor: filter.cursor } : {}), limit: filter.limit }),
      store.countConversations(filters),
    ]);
    // Each row's badge: the strongest identity of its citizen (one read per citizen of the page).
    const levels: Record<string, IdentityStanding> = {};
    for (const citizen of await Promise.all([...new Set(page.items.map((c) => c.citizenId))].map((id) => store.getCitizen(id)))) {
      const standing = citizen && strongestIdentity(citizen.identities);
      if (standing) levels[citizen.id] = standing;
    }
    res.json({ ...page, total, ...(Object.keys(levels).length > 0 ? { levels } : {}) } satisfies InboxPage);
  });

  router.get('/mentions', guard('GET /api/mentions'), async (_req, res) => {
    res.json((await mentions.list(agentOf(res))) satisfies MentionsPage);
  });

  router.get('/conversations/:id', guard('GET /api/conversations/{id}'), async (req, res) => {
    const id = parseOrReject(ConversationId, req.params.id, 'conversation id');
    const conversation = await gate.conversation(agentOf(res), id);
    const citizen = await store.getCitizen(conversation.citizenId);
    if (!citizen) throw new Error(`conversation ${id} has no citizen`);
    res.json({ conversation, citizen } satisfies ConversationDetail);
  });

  router.get('/citizens/:id', guard('GET /api/citizens/{id}'), async (req, res) => {
    const id = parseOrReject(CitizenId, req.params.id, 'citizen id');
    res.json((await gate.citizen(agentOf(res), id)) satisfies CitizenFile);
  });

  router.get('/citizens/:id/timeline', guard('GET /api/citizens/{id}/timeline'), async (req, res) => {
    const id = parseOrReject(CitizenId, req.params.id, 'citizen id');
    const query = parseOrReject(TimelineQuery, req.query, 'timeline query');
    if (query.before && query.after) throw new DomainError('bad_request', 'give either before or after, not both');
    const agent = agentOf(res);
    const file = await gate.citizen(agent, id);
    // The other conversations are listed by the citizen route as dates and channels, never read;
    // their assignment and status changes stay out with their messages.
    if (file.elsewhere.length === 0) return res.json(await store.timeline(id, { ...query, activity: true }));
    const page = await store.timeline(id, { ...query, activity: true, conversationIds: file.conversations.map((c) => c.id) });
    res.json({ ...page, elsewhere: file.elsewhere } satisfies TimelinePage);
  });

  router.get('/citizens/:id/duplicates', guard('GET /api/citizens/{id}/duplicates'), async (req, res) => {
    const id = parseOrReject(CitizenId, req.params.id, 'citizen id');
    res.json({ items: await merges.suggestions(agentOf(res), id) } satisfies { items: DuplicateSuggestion[] });
  });

  router.get('/citizens/:id/merges', guard('GET /api/citizens/{id}/merges'), async (req, res) => {
    const id = parseOrReject(CitizenId, req.params.id, 'citizen id');
    res.json({ items: await merges.history(agentOf(res), id) } satisfies { items: MergeHistoryEntry[] });
  });

  // Citizens then messages, within the caller's queues (domain/search); trainers are refused.
  router.get('/search', guard('GET /api/search'), async (req, res) => {
    const request = parseOrReject(SearchRequest, req.query, 'search');
    res.json((await search.search(agentOf(res), request)) satisfies SearchResults);
  });

  return router;
}
