import { z } from 'zod';
import { Answer, AnswerContent } from '../../shared/answers.js';
import { AnswerEdit } from '../domain/answers/answer-library.js';

// The answer library's part of the OpenAPI document (server/http/openapi.ts merges it).

const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: unknown) => ({ 'application/json': { schema: s } });
const problem = (description: string) => ({ description, content: json(ref('Error')) });
const errors = { 400: problem('Malformed request'), 401: problem('Not logged in'), 403: problem('Role not allowed') };
const idParam = { name: 'id', in: 'path', required: true, description: 'ans_…', schema: { type: 'string' } };
const query = (name: string, description: string, s: unknown = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema: s });
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

const usage = {
  type: 'object',
  required: ['answerId', 'total', 'byChannel', 'byAgent', 'lastUsedAt'],
  properties: {
    answerId: { type: 'string' },
    total: { type: 'integer' },
    byChannel: { type: 'object', additionalProperties: { type: 'integer' } },
    byAgent: { type: 'array', items: { type: 'object', properties: { agentId: { type: 'string' }, count: { type: 'integer' } } } },
    lastUsedAt: { type: 'string' },
  },
};

export const answerSchemas = {
  Answer: schema(Answer),
  AnswerContent: schema(AnswerContent),
  AnswerEdit: schema(AnswerEdit),
  AnswerUsage: usage,
};

export const answerPaths = {
  '/api/answers': {
    get: {
      summary: 'The library: current answers by theme and title, with their uses over the last 90 days',
      parameters: [
        query('q', 'Words, accent- and case-insensitive, each the start of a word of the title, theme or a variant'),
        query('theme', 'Only this theme'),
        query('language', 'Only this language (fr, en…)'),
        query('archived', 'true: retired answers too', { type: 'string', enum: ['true', 'false'] }),
      ],
      responses: {
        200: {
          description: 'Answers, themes and usage',
          content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Answer') }, themes: { type: 'array', items: { type: 'string' } }, usage: { type: 'array', items: ref('AnswerUsage') }, usageSince: { type: 'string' } } }),
        },
        ...errors,
      },
    },
    post: {
      summary: 'Write a new answer (supervisor, admin): version 1, with an id made from its title',
      requestBody: { required: true, content: json(ref('AnswerContent')) },
      responses: { 201: { description: 'Created', content: json(ref('Answer')) }, ...errors },
    },
  },
  '/api/answers/{id}': {
    get: {
      summary: 'An answer: its current version, or the one asked for',
      parameters: [idParam, query('version', 'A version number', { type: 'integer', minimum: 1 })],
      responses: { 200: { description: 'The answer', content: json(ref('Answer')) }, 404: problem('Unknown answer or version'), ...errors },
    },
    put: {
      summary: 'Edit an answer (supervisor, admin): adds a version; `baseVersion` is the version the edit was made from',
      parameters: [idParam],
      requestBody: { required: true, content: json(ref('AnswerEdit')) },
      responses: { 200: { description: 'The new version', content: json(ref('Answer')) }, 404: problem('Unknown answer'), 409: problem('Someone saved a newer version meanwhile (reason answer_changed)'), ...errors },
    },
  },
  '/api/answers/{id}/versions': {
    get: {
      summary: 'Every version of an answer, newest first',
      parameters: [idParam],
      responses: { 200: { description: 'Versions', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Answer') } } }) }, 404: problem('Unknown answer'), ...errors },
    },
  },
  '/api/reports/answers': {
    get: {
      summary: 'Uses of library answers per answer, channel and agent over local days (Europe/Paris), `to` included',
      parameters: [
        { name: 'from', in: 'query', required: true, schema: day },
        { name: 'to', in: 'query', required: true, schema: day },
        query('channel', 'Only replies on this channel'),
        query('agentId', 'Only replies by this agent'),
      ],
      responses: {
        200: { description: 'Most used first', content: json({ type: 'object', properties: { from: day, to: day, items: { type: 'array', items: { allOf: [ref('AnswerUsage')], properties: { title: { type: 'string' }, theme: { type: 'string' } } } } } }) },
        ...errors,
      },
    },
  },
};
