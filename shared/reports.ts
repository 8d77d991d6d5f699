import { z } from 'zod';
import { Channel } from './model.js';
import { AgentId, QueueId } from './ids.js';

// The reports' HTTP contract (server/http/report-routes.ts ↔ client/features/reports).

export const REPORT_DIMENSIONS = ['channel', 'queue', 'agent'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/**
 * The reader of a CSV export: `fr` (the default, French first) for a French spreadsheet, `en` for
 * the comma-separated form with the API's field names. The console passes its language.
 */
export const REPORT_LOCALES = ['fr', 'en'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** A period of local days (Europe/Paris), `to` included, with optional filters. */
export const ReportQuery = z
  .object({
    from: Day,
    to: Day,
    channel: Channel.optional(),
    queueId: QueueId.optional(),
    agentId: AgentId.optional(),
    format: z.enum(['json', 'csv']).default('json'),
    locale: z.enum(REPORT_LOCALES, { error: 'locale must be fr or en' }).default('fr'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const SummaryQuery = z.intersection(ReportQuery, z.object({ by: z.enum(REPORT_DIMENSIONS).default('channel') }));
export const SeriesQuery = z.intersection(ReportQuery, z.object({ bucket: z.enum(['day', 'week']).default('day') }));

/** Every figure of one group (a channel, a queue, an agent, or everything). Durations in business minutes. */
export interface ReportFigures {
  key: string;
  conversations: number;
  resolved: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
  /**
   * First-response service level: share of the judged conversations answered in time. A
   * conversation with journaled due times (`sla.set`) is judged once answered or breached
   * (`sla.breached`); one whose queue has no target is judged against its channel's default
   * target once answered.
   */
  serviceLevel: number | null;
  /** Resolution service level, over conversations with a resolution due time that were resolved or breached. */
  resolutionServiceLevel: number | null;
  /** Targets missed (journal `sla.breached`, first response and resolution). */
  breaches: number;
  chatsAbandoned: number;
  missedCallsNotCalledBack: number;
  /** (abandoned chats + missed calls not called back) / conversations. */
  abandonmentRate: number | null;
  surveysSent: number;
  surveysAnswered: number;
  /** Mean score 1–5 of the answers. */
  satisfaction: number | null;
  surveyResponseRate: number | null;
  citizens: number;
  contactsPerCitizen: number | null;
  channelSwitches: number;
  /** Share of conversations that changed channel at least once. */
  switchRate: number | null;
}

export interface ReportSummary {
  by: ReportDimension;
  groups: ReportFigures[];
  total: ReportFigures;
}

export interface SeriesPoint extends ReportFigures {
  /** First local day of the bucket (YYYY-MM-DD). */
  bucket: string;
}

export interface ReportSeries {
  bucket: 'day' | 'week';
  points: SeriesPoint[];
}

/** Column order of the CSV exports and the tables. */
export const FIGURE_COLUMNS = [
  'conversations',
  'resolved',
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'resolutionP90',
  'serviceLevel',
  'resolutionServiceLevel',
  'breaches',
  'chatsAbandoned',
  'missedCallsNotCalledBack',
  'abandonmentRate',
  'surveysSent',
  'surveysAnswered',
  'satisfaction',
  'surveyResponseRate',
  'citizens',
  'contactsPerCitizen',
  'channelSwitches',
  'switchRate',
] as const satisfies readonly (keyof ReportFigures)[];
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];
