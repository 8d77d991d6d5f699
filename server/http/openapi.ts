import { z } from 'zod';
import { Agent, Citizen, Conversation, InboundMessage, Message, Queue } from '../../shared/index.js';
import { accountPaths, accountSchemas } from './account-openapi.js';
import { answerPaths, answerSchemas } from './answer-openapi.js';
import { replayPaths, replaySchemas } from './replay-openapi.js';
import { citizenPaths, citizenSchemas } from './citizen-openapi.js';
import { reportPaths, reportSchemas } from './report-openapi.js';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.js';

function schema(s: z.ZodType): unknown {
  return z.toJSONSchema(s, { unrepresentable: 'any', io: 'output' });
}

const error = { $ref: '#/components/schemas/Error' };
const json = (ref: unknown) => ({ 'application/json': { schema: ref } });
const problem = (description: string) => ({ description, content: json(error) });
const standardErrors = { 400: problem('Malformed request'), 401: problem('Not logged in'), 403: problem('Role not allowed') };
const query = (name: string, description: string, s: unknown = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema: s });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: ['string', 'null'] } },
});

/** Each /api operation says who may call it (`x-guichet-access`, from route-access.ts). */
function withAccess(paths: Record<string, Record<string, Record<string, unknown>>>): Record<string, unknown> {
  const access: Record<string, RouteAccess> = ROUTE_ACCESS;
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, op]) => {
          const entry = access[`${method.toUpperCase()} ${path}`];
          return [method, entry ? { ...op, 'x-guichet-access': entry } : op];
        }),
      ),
    ]),
  );
}

/** The console's REST API, built from the same zod schemas that validate it. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Guichet API', version: '0.1.0', description: 'REST API of the Guichet agent console. Writes go through the Socket.IO /agent namespace.' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'guichet_session' },
        bearer: { type: 'http', scheme: 'bearer' },
        ingestKey: { type: 'http', scheme: 'bearer', description: 'INGEST_API_KEY' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object' } } },
            },
          },
        },
        Agent: schema(Agent),
        Queue: schema(Queue),
        Citizen: schema(Citizen),
        Conversation: schema(Conversation),
        Message: schema(Message),
        InboundMessage: schema(InboundMessage),
        ...replaySchemas,
        ...citizenSchemas,
        ...accountSchemas,
        ...reportSchemas,
        ...answerSchemas,
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths: withAccess({
      '/api/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/api/auth/login': {
        post: {
          summary: 'Log in a member of staff',
          security: [],
          requestBody: { required: true, content: json({ type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } }) },
          responses: { 200: { description: 'Session opened; sets the guichet_session cookie' }, 400: problem('Malformed'), 401: problem('Wrong credentials'), 429: problem('Too many attempts') },
        },
      },
      '/api/auth/logout': { post: { summary: 'Close the session', responses: { 204: { description: 'Closed' } } } },
      '/api/auth/me': { get: { summary: 'The current session', responses: { 200: { description: 'Session' }, 401: problem('Not logged in') } } },
      '/api/directory': { get: { summary: 'Staff and queues', responses: { 200: { description: 'Directory' }, ...standardErrors } } },
      '/api/conversations': {
        get: {
          summary: 'Inbox: conversations by last activity, newest first',
          parameters: [
            query('queueId', 'Only this queue'),
            query('status', 'open, pending or resolved'),
            query('channel', 'Only conversations that used this channel'),
            query('scope', 'all, mine, unassigned, or mentions (where an internal note mentioned the caller)'),
            query('cursor', 'nextCursor of the previous page'),
            query('limit', '1 to 200, default 50', { type: 'integer' }),
          ],
          responses: {
            200: {
              description: 'A page, and how many conversations the filters match over every page',
              content: json({
                ...page('Conversation'),
                required: ['items', 'nextCursor', 'total'],
                properties: { ...page('Conversation').properties, total: { type: 'integer', minimum: 0 } },
              }),
            },
            ...standardErrors,
          },
        },
      },
      '/api/mentions': {
        get: {
          summary: 'The bell: conversations where an internal note mentioned the caller (latest mention each, newest first), and how many are unread',
          responses: { 200: { description: 'Mentions (items, unread)' }, ...standardErrors },
        },
      },
      '/api/conversations/{id}': {
        get: { summary: 'A conversation and its citizen', parameters: [idParam], responses: { 200: { description: 'Found' }, 404: problem('Unknown'), ...standardErrors } },
      },
      '/api/citizens/{id}': {
        get: { summary: 'A citizen, identities and conversations', parameters: [idParam], responses: { 200: { description: 'Found' }, 404: problem('Unknown'), ...standardErrors } },
      },
      '/api/citizens/{id}/timeline': {
        get: {
          summary: "The citizen's whole history, every channel and conversation",
          parameters: [idParam, query('before', 'olderCursor of a page'), query('after', 'newerCursor of a page'), query('limit', '1 to 200', { type: 'integer' })],
          responses: { 200: { description: 'A page of messages in time order, with the assignment and status changes of its span (activity)' }, 404: problem('Unknown'), ...standardErrors },
        },
      },
      '/api/citizens/{id}/duplicates': {
        get: {
          summary: 'Records that look like the same person, with the reasons (same phone, typed address, same name and postcode…); dismissed pairs are left out',
          parameters: [idParam],
          responses: { 200: { description: '{ items: DuplicateSuggestion[] }' }, 404: problem('Unknown'), ...standardErrors },
        },
      },
      '/api/citizens/{id}/merges': {
        get: {
          summary: "The merges and unmerges the record took part in, newest first, attributed (the merges themselves are the socket's citizen:merge / citizen:unmerge)",
          parameters: [idParam],
          responses: { 200: { description: '{ items: MergeHistoryEntry[] }' }, 404: problem('Unknown'), ...standardErrors },
        },
      },
      '/api/search': {
        get: {
          summary: 'The search box: citizens by name, phone (any spelling), email or handle, then messages by their words, within the queues the caller can open',
          parameters: [
            { ...query('q', '2 to 200 characters; accents and case ignored'), required: true },
            query('cursor', 'nextCursor of a previous answer: more messages (citizens come with the first page)'),
          ],
          responses: {
            200: { description: 'Citizens first, then messages newest first with a snippet and the ranges of the matching words (shared/search.ts SearchResults)' },
            ...standardErrors,
          },
        },
      },
      '/api/inbound': {
        post: {
          summary: 'Ingest a message from any channel connector',
          security: [{ ingestKey: [] }],
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/InboundMessage' }) },
          responses: { 201: { description: 'Committed' }, 200: { description: 'Already committed (retry)' }, 400: problem('Invalid'), 401: problem('Bad key'), 503: problem('Store unavailable, retry') },
        },
      },
      '/api/email/attachments/{messageId}/{index}': {
        get: {
          summary: 'Download an attachment of an email (always as a file, never shown inline)',
          parameters: [
            { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'index', in: 'path', required: true, description: 'Position in the message\'s attachments', schema: { type: 'integer', minimum: 0 } },
          ],
          responses: { 200: { description: 'The bytes', content: { 'application/octet-stream': {} } }, 404: problem('Unknown, or its bytes were not kept (over the size limit)'), ...standardErrors },
        },
      },
      ...replayPaths,
      ...citizenPaths,
      ...accountPaths,
      ...reportPaths,
      ...answerPaths,
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'Alive' } } } },
      '/readyz': { get: { summary: 'Readiness: the store answers (with several instances, `delivery` says whether Redis links this one to the others)', security: [], responses: { 200: { description: 'Ready' }, 503: problem('Not ready') } } },
    }),
  };
}
