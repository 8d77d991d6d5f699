import { z } from 'zod';
import { Annotation, AnnotationPatch, Course, CourseInput, NewAnnotation, UnmaskRequest } from '../../shared/index.js';

// The replay and training part of the OpenAPI document (server/http/openapi.ts merges it).

const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: unknown) => ({ 'application/json': { schema: s } });
const problem = (description: string) => ({ description, content: json(ref('Error')) });
const errors = { 400: problem('Malformed request'), 401: problem('Not logged in'), 403: problem('Role not allowed, or replay outside your courses') };
const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const query = (name: string, description: string, s: unknown = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema: s });
const replayParams = [path('kind', 'conversation or citizen'), path('id', 'conversation or citizen id')];

const replayData = {
  type: 'object',
  description:
    'The journal slice of a conversation (events whose envelope names it) or of a citizen, in seq order with original timestamps. Masked: names, addresses, e-mail addresses, phone numbers, social ids, IBAN and NIR replaced by consistent pseudonyms; attachments and call recordings removed (counted in `hidden`).',
  required: ['ref', 'masked', 'citizenId', 'citizenLabel', 'title', 'context', 'events', 'hidden', 'annotations', 'truncated'],
  properties: {
    ref: { type: 'object', properties: { kind: { type: 'string' }, id: { type: 'string' } } },
    masked: { type: 'boolean' },
    citizenId: { type: 'string' },
    citizenLabel: { type: 'string', description: '"Citoyen A" when masked' },
    title: { type: ['string', 'null'] },
    context: { type: 'array', items: { type: 'object' }, description: "The citizen's events before the slice (conversation replays): folded before the first frame, not played" },
    events: { type: 'array', items: { type: 'object' }, description: 'Journal events (see JournalEvent in shared/journal.ts)' },
    hidden: { type: 'object', additionalProperties: { type: 'object', properties: { attachments: { type: 'integer' }, recording: { type: 'boolean' } } } },
    annotations: { type: 'array', items: ref('Annotation') },
    truncated: { type: 'boolean' },
  },
};

export const replaySchemas = {
  Annotation: schema(Annotation),
  NewAnnotation: schema(NewAnnotation),
  AnnotationPatch: schema(AnnotationPatch),
  Course: schema(Course),
  CourseInput: schema(CourseInput),
  UnmaskRequest: schema(UnmaskRequest),
  ReplayData: replayData,
};

export const replayPaths = {
  '/api/replays/conversations': {
    get: {
      summary: 'Conversations to replay, newest activity first, masked (trainer, supervisor, admin)',
      parameters: [
        query('q', 'Words of the messages; matches only where still visible once masked'),
        query('channel', 'Only conversations that used this channel'),
        query('queueId', 'Only this queue'),
        query('status', 'open, pending or resolved'),
        query('cursor', 'nextCursor of the previous page (without q)'),
        query('limit', '1 to 100, default 30', { type: 'integer' }),
      ],
      responses: { 200: { description: 'A page of ReplaySummary' }, ...errors },
    },
  },
  '/api/replays/{kind}/{id}': {
    get: {
      summary: 'A replay, masked. Trainees: only replays of the courses assigned to them (403 otherwise)',
      parameters: replayParams,
      responses: { 200: { description: 'The replay', content: json(ref('ReplayData')) }, 404: problem('Unknown conversation or citizen'), ...errors },
    },
  },
  '/api/replays/{kind}/{id}/unmask': {
    post: {
      summary: 'The replay with the real data (supervisor, admin); journaled as replay.unmasked (who, when, which citizen and conversation)',
      parameters: replayParams,
      requestBody: { required: false, content: json(ref('UnmaskRequest')) },
      responses: { 200: { description: 'The replay, unmasked', content: json(ref('ReplayData')) }, 404: problem('Unknown'), ...errors },
    },
  },
  '/api/replays/{kind}/{id}/annotations': {
    post: {
      summary: 'Pin an annotation on an event of the replay (trainer, supervisor, admin)',
      parameters: replayParams,
      requestBody: { required: true, content: json(ref('NewAnnotation')) },
      responses: { 201: { description: 'Created', content: json(ref('Annotation')) }, ...errors },
    },
  },
  '/api/annotations/{id}': {
    patch: {
      summary: 'Edit an annotation (its author, or an admin)',
      parameters: [path('id', 'annotation id')],
      requestBody: { required: true, content: json(ref('AnnotationPatch')) },
      responses: { 200: { description: 'Updated', content: json(ref('Annotation')) }, 404: problem('Unknown'), ...errors },
    },
    delete: {
      summary: 'Delete an annotation (its author, or an admin)',
      parameters: [path('id', 'annotation id')],
      responses: { 204: { description: 'Deleted' }, 404: problem('Unknown'), ...errors },
    },
  },
  '/api/courses': {
    get: { summary: 'Courses: all of them (trainer, admin), or those assigned to the caller (trainee)', responses: { 200: { description: '{ items: Course[] }' }, ...errors } },
    post: {
      summary: 'Create a course (trainer, admin); blank item labels get the masked subject',
      requestBody: { required: true, content: json(ref('CourseInput')) },
      responses: { 201: { description: 'Created', content: json(ref('Course')) }, ...errors },
    },
  },
  '/api/courses/{id}': {
    get: { summary: 'A course (a trainee: only one assigned to them)', parameters: [path('id', 'course id')], responses: { 200: { description: 'The course', content: json(ref('Course')) }, 404: problem('Unknown'), ...errors } },
    put: {
      summary: 'Replace a course: title, description, replays in order, assigned trainees (trainer, admin)',
      parameters: [path('id', 'course id')],
      requestBody: { required: true, content: json(ref('CourseInput')) },
      responses: { 200: { description: 'Updated', content: json(ref('Course')) }, 404: problem('Unknown'), ...errors },
    },
    delete: { summary: 'Delete a course (trainer, admin)', parameters: [path('id', 'course id')], responses: { 204: { description: 'Deleted' }, 404: problem('Unknown'), ...errors } },
  },
};
