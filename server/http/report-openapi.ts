import { FIGURE_COLUMNS, REPORT_DIMENSIONS, REPORT_LOCALES } from '../../shared/reports.js';

// The reports part of the OpenAPI document (server/http/openapi.ts merges it): one path per chart.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const q = (name: string, description: string, schema: unknown = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema });
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const common = [
  q('from', 'First local day (Europe/Paris), YYYY-MM-DD', day, true),
  q('to', 'Last local day, included', day, true),
  q('channel', 'Only conversations opened on this channel'),
  q('queueId', 'Only this queue'),
  q('agentId', 'Only conversations assigned to this agent'),
  q('format', 'json (default) or csv (a download, UTF-8 with BOM)', { type: 'string', enum: ['json', 'csv'] }),
  q(
    'locale',
    'Reader of the CSV: fr (default; `;` separated, decimal comma, French titles and names, for a French spreadsheet) or en (comma separated, decimal point, field names and ids)',
    { type: 'string', enum: [...REPORT_LOCALES] },
  ),
];
const problem = { description: 'Malformed period, not logged in, or not a supervisor', content: { 'application/json': { schema: ref('Error') } } };
const ok = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' } } },
});

export const reportSchemas = {
  ReportFigures: {
    type: 'object',
    description: 'Figures of one group; durations in business minutes, shares in 0..1, null when there is nothing to measure',
    properties: { key: { type: 'string' }, ...Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, { type: ['number', 'null'] }])) },
  },
};

export const reportPaths = {
  '/api/reports/summary': {
    get: {
      summary: 'Figures per channel, queue or agent over a period (the comparison chart and its table)',
      parameters: [...common, q('by', 'Grouping', { type: 'string', enum: [...REPORT_DIMENSIONS] })],
      responses: {
        200: ok({ type: 'object', properties: { by: { type: 'string' }, groups: { type: 'array', items: ref('ReportFigures') }, total: ref('ReportFigures') } }, 'Groups sorted by key, and the total'),
        400: problem,
        401: problem,
        403: problem,
      },
    },
  },
  '/api/reports/series': {
    get: {
      summary: 'Figures per day or week and channel, plus the total (the time-series chart)',
      parameters: [...common, q('bucket', 'Time step', { type: 'string', enum: ['day', 'week'] })],
      responses: {
        200: ok({ type: 'object', properties: { bucket: { type: 'string' }, points: { type: 'array', items: { allOf: [ref('ReportFigures')], properties: { bucket: day } } } } }, 'Points in bucket order'),
        400: problem,
        401: problem,
        403: problem,
      },
    },
  },
};
