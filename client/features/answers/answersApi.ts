import type { Answer, AnswerContent, AnswerId, AnswerListing } from '../../../shared/answers.js';
import { apiRequest, query } from '../../app/api.js';

// The answer library's REST calls (server/http/answer-routes.ts).

export interface LibraryQuery {
  q?: string;
  theme?: string;
  language?: string;
  archived?: boolean;
}

export const fetchLibrary = (q: LibraryQuery, signal?: AbortSignal) =>
  apiRequest<AnswerListing>('GET', `/api/answers${query({ q: q.q, theme: q.theme, language: q.language, archived: q.archived ? 'true' : undefined })}`, undefined, signal ? { signal } : {});

export const fetchVersions = (id: AnswerId) => apiRequest<{ items: Answer[] }>('GET', `/api/answers/${encodeURIComponent(id)}/versions`);

export const createAnswer = (content: AnswerContent) => apiRequest<Answer>('POST', '/api/answers', content);

/** `baseVersion`: the version the edit was made from; a newer one saved meanwhile gives 409. */
export const updateAnswer = (id: AnswerId, content: AnswerContent, baseVersion: number) =>
  apiRequest<Answer>('PUT', `/api/answers/${encodeURIComponent(id)}`, { ...content, baseVersion });
