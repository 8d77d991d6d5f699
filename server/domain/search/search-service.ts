import {
  canSeeConversation,
  highlightRanges,
  snippetOf,
  visibilityFilter,
  type CitizenHit,
  type MessageHit,
  type SearchResults,
  type Viewer,
} from '../../../shared/index.js';
import { DomainError } from '../errors.js';
import type { ReadModelStore } from '../ports.js';
import { citizenSearchOf, parseSearch } from './search-query.js';

// The search box: citizens first, then messages newest first, each limited to what the viewer may
// see (shared/access.ts: a citizen with one of their conversations, a message with its
// conversation). History has no time limit: the whole read model is searched.

export const CITIZEN_HITS = 8;
export const MESSAGE_PAGE = 20;

type Reads = Pick<ReadModelStore, 'searchCitizens' | 'searchMessagePage' | 'getCitizen' | 'listCitizenConversations'>;

export class SearchService {
  constructor(private readonly store: Reads) {}

  async search(viewer: Viewer, request: { q: string; cursor?: string | undefined }): Promise<SearchResults> {
    const scope = visibilityFilter(viewer);
    // Trainers and trainees open no live file: their search is the replay picker's, masked.
    if (scope === null) throw new DomainError('forbidden', 'this role does not open live files');
    const parsed = parseSearch(request.q);
    if (parsed.words.length === 0 && !parsed.phone && !parsed.email && !parsed.handle) {
      throw new DomainError('bad_request', 'nothing to search for: type letters or digits');
    }
    const visibleTo = scope ?? undefined;
    const [found, page] = await Promise.all([
      // Citizens come with the first page; further pages are more messages.
      request.cursor === undefined ? this.store.searchCitizens(citizenSearchOf(parsed, CITIZEN_HITS, visibleTo)) : Promise.resolve([]),
      this.store.searchMessagePage({
        words: parsed.words,
        limit: MESSAGE_PAGE,
        ...(visibleTo ? { visibleTo } : {}),
        ...(request.cursor !== undefined ? { cursor: request.cursor } : {}),
      }),
    ]);
    const citizens: CitizenHit[] = [];
    for (const { citizen, matchedBy, identityValue } of found) {
      // Newest activity first: the first one the viewer may open is where the citizen opens.
      const latest = (await this.store.listCitizenConversations(citizen.id)).find((c) => canSeeConversation(viewer, c));
      citizens.push({
        citizen: { id: citizen.id, displayName: citizen.displayName, identities: citizen.identities },
        matchedBy,
        ...(identityValue !== undefined ? { identityValue } : {}),
        nameHighlights: matchedBy === 'name' ? highlightRanges(citizen.displayName, parsed.words, { prefix: true }) : [],
        conversationId: latest?.id ?? null,
      });
    }
    const names = new Map<string, string>();
    for (const id of new Set(page.items.map((m) => m.citizenId))) {
      names.set(id, (await this.store.getCitizen(id))?.displayName ?? '');
    }
    const messages: MessageHit[] = page.items.map((m) => {
      const body = [m.text, m.call?.summary ?? ''].join('\n').trim();
      const { snippet, highlights } = snippetOf(body, parsed.words);
      return {
        messageId: m.id,
        conversationId: m.conversationId,
        citizenId: m.citizenId,
        citizenName: names.get(m.citizenId) ?? '',
        channel: m.channel,
        direction: m.direction,
        at: m.at,
        ...(m.subject ? { subject: m.subject, subjectHighlights: highlightRanges(m.subject, parsed.words) } : {}),
        snippet,
        highlights,
      };
    });
    return { citizens, messages, nextCursor: page.nextCursor };
  }
}
