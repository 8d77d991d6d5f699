import '../../app/pageWords.js';
import { errorText } from '../../ui/errorText.js';
import './reports.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../shared/model.js';
import { FIGURE_COLUMNS, REPORT_DIMENSIONS, type ReportDimension, type ReportFigures, type ReportSeries, type ReportSummary } from '../../../shared/reports.js';
import { ApiError } from '../../app/api.js';
import { selectAgents, selectQueues } from '../../app/directorySlice.js';
import { useAppSelector } from '../../app/hooks.js';
import { AnswerUsageTable } from './AnswerUsageTable.js';
import { BarChart } from './BarChart.js';
import { figureKind, formatFigure, type Figure } from './format.js';
import { LineChart } from './LineChart.js';
import { csvDownload, fetchSeries, fetchSummary, seriesPath, summaryPath, type Period } from './reportsApi.js';

const CHART_FIGURES: readonly Figure[] = [
  'conversations',
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'serviceLevel',
  'resolutionServiceLevel',
  'breaches',
  'abandonmentRate',
  'satisfaction',
  'surveyResponseRate',
  'contactsPerCitizen',
  'switchRate',
];

/** The period's headline figures, over every group. */
const KPI_FIGURES: readonly Figure[] = ['conversations', 'firstResponseMedian', 'serviceLevel', 'resolutionServiceLevel', 'breaches', 'abandonmentRate', 'satisfaction'];

/** Column groups of the table, in FIGURE_COLUMNS order (consecutive figures of a group share a header). */
const FIGURE_GROUP: Record<(typeof FIGURE_COLUMNS)[number], string> = {
  conversations: 'volume',
  resolved: 'volume',
  firstResponseMedian: 'delays',
  firstResponseP90: 'delays',
  resolutionMedian: 'delays',
  resolutionP90: 'delays',
  serviceLevel: 'serviceLevel',
  resolutionServiceLevel: 'serviceLevel',
  breaches: 'serviceLevel',
  chatsAbandoned: 'abandonment',
  missedCallsNotCalledBack: 'abandonment',
  abandonmentRate: 'abandonment',
  surveysSent: 'satisfaction',
  surveysAnswered: 'satisfaction',
  satisfaction: 'satisfaction',
  surveyResponseRate: 'satisfaction',
  citizens: 'citizens',
  contactsPerCitizen: 'citizens',
  channelSwitches: 'citizens',
  switchRate: 'citizens',
};

const COLUMN_GROUPS = FIGURE_COLUMNS.reduce<{ group: string; span: number }[]>((runs, c) => {
  const last = runs[runs.length - 1];
  if (last && last.group === FIGURE_GROUP[c]) last.span += 1;
  else runs.push({ group: FIGURE_GROUP[c], span: 1 });
  return runs;
}, []);

/** Palette indices (reports.css): a channel keeps its colour in both charts; the total is grey. */
const PALETTE = [0, 1, 2, 3, 4, 6, 7] as const;
const TOTAL_COLOR = 5;
function colorOf(key: string, index: number): number {
  if (key === 'total') return TOTAL_COLOR;
  const channel = (CHANNELS as readonly string[]).indexOf(key);
  return PALETTE[(channel >= 0 ? channel : index) % PALETTE.length]!;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function defaultPeriod(): Period {
  const now = new Date();
  return { from: isoDay(new Date(now.getTime() - 29 * 86_400_000)), to: isoDay(now) };
}

/** Reports for supervisors: headline figures, a comparison per channel (queue, agent), a time series, their tables and CSV. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const queues = useAppSelector(selectQueues);
  const agents = useAppSelector(selectAgents);
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const [by, setBy] = useState<ReportDimension>('channel');
  const [figure, setFigure] = useState<Figure>('conversations');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [summary, setSummary] = useState<ReportSummary | null>(null);
  const [series, setSeries] = useState<ReportSeries | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  // A period from after to is refused by the API too; the form says so rather than ask.
  const inverted = period.from > period.to;

  useEffect(() => {
    if (inverted) {
      setLoading(false);
      return;
    }
    const abort = new AbortController();
    setError(null);
    setLoading(true);
    Promise.all([fetchSummary(period, by, abort.signal), fetchSeries(period, bucket, abort.signal)])
      .then(([s, ts]) => {
        setSummary(s);
        setSeries(ts);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        setLoading(false);
        if (err instanceof ApiError && err.status === 403) setError(t('reports.forbidden'));
        else setError(errorText(t, err));
      });
    return () => abort.abort();
  }, [period, inverted, by, bucket, t]);

  const lang = i18n.language;
  const download = csvDownload(lang);
  const fmt = (f: Figure) => (v: number | null | undefined) => formatFigure(f, v, lang);
  const day = (iso: string, opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }) =>
    new Date(`${iso}T12:00:00Z`).toLocaleDateString(lang, { ...opts, timeZone: 'UTC' });

  // The table shows the dimension of the figures on screen, not of the request under way.
  const shownBy = summary?.by ?? by;
  const keyLabel = (key: string, dimension: ReportDimension = shownBy) => {
    if (dimension === 'channel' || key === 'total' || key === 'unassigned') return t(`reports.keys.${key}`, { defaultValue: key });
    if (dimension === 'queue') return queues.find((q) => q.id === key)?.name ?? key;
    return agents.find((a) => a.id === key)?.displayName ?? key;
  };

  // Figures of another period stay off screen while this one is inverted: no stale charts.
  const shown = inverted ? null : summary;
  const empty = shown !== null && shown.total.conversations === 0;
  const figures = empty ? null : shown;

  const timeline = useMemo(() => {
    if (!series || !figures) return null;
    const buckets = [...new Set(series.points.map((p) => p.bucket))].sort();
    const keys = [...new Set(series.points.map((p) => p.key))].sort((a, b) => (a === 'total' ? 1 : b === 'total' ? -1 : CHANNELS.indexOf(a as never) - CHANNELS.indexOf(b as never)));
    const at = new Map(series.points.map((p) => [`${p.bucket}|${p.key}`, p]));
    const lines = keys.map((key, i) => ({
      label: t(`reports.keys.${key}`, { defaultValue: key }),
      key,
      values: buckets.map((b) => at.get(`${b}|${key}`)?.[figure] ?? null),
      color: colorOf(key, i),
      dashed: key === 'total',
    }));
    return { buckets, lines };
  }, [series, figures, figure, t]);

  const figureName = t(`reports.figures.${figure}`);
  const dimensionName = t(`reports.dimensions.${shownBy}`);
  const compareTitle = t('reports.compare', { figure: figureName, dimension: dimensionName });
  const value = (g: ReportFigures, f: Figure) => (g[f] as number | null | undefined) ?? null;

  return (
    <main id="main" className="reports" tabIndex={-1}>
      <h1>{t('reports.title')}</h1>
      <form className="reports__filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="report-from">{t('reports.from')}</label>
          <input
            id="report-from"
            type="date"
            value={period.from}
            max={period.to}
            aria-invalid={inverted || undefined}
            aria-describedby={inverted ? 'report-period-error' : undefined}
            onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('reports.to')}</label>
          <input
            id="report-to"
            type="date"
            value={period.to}
            min={period.from}
            aria-invalid={inverted || undefined}
            aria-describedby={inverted ? 'report-period-error' : undefined}
            onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="report-by">{t('reports.by')}</label>
          <select id="report-by" value={by} onChange={(e) => setBy(e.target.value as ReportDimension)}>
            {REPORT_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`reports.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-figure">{t('reports.figure')}</label>
          <select id="report-figure" value={figure} onChange={(e) => setFigure(e.target.value as Figure)}>
            {CHART_FIGURES.map((f) => (
              <option key={f} value={f}>
                {t(`reports.figures.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-bucket">{t('reports.bucket')}</label>
          <select id="report-bucket" value={bucket} onChange={(e) => setBucket(e.target.value as 'day' | 'week')}>
            <option value="day">{t('reports.buckets.day')}</option>
            <option value="week">{t('reports.buckets.week')}</option>
          </select>
        </div>
      </form>
      {inverted && (
        <p role="alert" className="form-error" id="report-period-error" data-testid="report-period-error">
          {t('reports.inverted', { from: day(period.from), to: day(period.to) })}
        </p>
      )}
      {error && !inverted && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {/* One live region, present from the start so that both messages are announced. */}
      <p role="status" className={loading && !error ? 'reports__loading' : empty && !loading ? 'reports__empty' : 'sr-only'} data-testid="report-status">
        {loading && !error ? t('common.loading') : empty ? t('reports.empty', { from: day(period.from), to: day(period.to) }) : ''}
      </p>
      {figures && (
        <section aria-labelledby="report-overview" className="reports__overview" data-testid="report-kpis">
          <h2 id="report-overview">{t('reports.overview', { from: day(period.from), to: day(period.to) })}</h2>
          <dl className="report-kpis">
            {KPI_FIGURES.map((f) => (
              <div key={f} className="report-kpi">
                <dt>{t(`reports.figures.${f}`)}</dt>
                <dd data-figure={f}>{fmt(f)(value(figures.total, f))}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <div className="reports__charts">
        {figures && (
          <section aria-labelledby="report-compare" className="report-panel">
            <h2 id="report-compare">{compareTitle}</h2>
            <BarChart
              title={compareTitle}
              description={figures.groups.map((g) => `${keyLabel(g.key)} : ${fmt(figure)(value(g, figure))}`).join(' ; ')}
              bars={figures.groups.map((g, i) => ({ label: keyLabel(g.key), value: value(g, figure), color: colorOf(shownBy === 'channel' ? g.key : '', i) }))}
              format={(v) => fmt(figure)(v)}
              kind={figureKind(figure)}
            />
          </section>
        )}
        {timeline && (
          <section aria-labelledby="report-series" className="report-panel">
            <h2 id="report-series">{t('reports.overTime', { figure: figureName })}</h2>
            <LineChart
              title={t('reports.overTime', { figure: figureName })}
              description={t('reports.seriesDescription', { from: timeline.buckets[0] ? day(timeline.buckets[0]) : '', to: timeline.buckets.length ? day(timeline.buckets[timeline.buckets.length - 1]!) : '' })}
              buckets={timeline.buckets}
              lines={timeline.lines}
              format={(v) => fmt(figure)(v)}
              formatBucket={(b) => day(b, { day: 'numeric', month: 'short' })}
              kind={figureKind(figure)}
            />
            <details>
              <summary>{t('reports.seriesTable')}</summary>
              <div className="reports__scroll" tabIndex={0} role="region" aria-label={t('reports.seriesTable')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t(`reports.buckets.${bucket}`)}</th>
                      {timeline.lines.map((l) => (
                        <th key={l.key} scope="col">
                          {l.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {timeline.buckets.map((b, i) => (
                      <tr key={b}>
                        <th scope="row">{day(b)}</th>
                        {timeline.lines.map((l) => (
                          <td key={l.key}>{fmt(figure)(l.values[i] ?? null)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            <p>
              <a href={seriesPath(period, bucket, download)} download data-testid="report-csv-series">
                {t('reports.csvSeries')}
              </a>
            </p>
          </section>
        )}
      </div>
      {figures && (
        <section aria-labelledby="report-table" aria-busy={loading} className="report-panel">
          <div className="reports__table-head">
            <h2 id="report-table">{t('reports.tableBy', { dimension: dimensionName })}</h2>
            <a href={summaryPath(period, shownBy, download)} download data-testid="report-csv">
              {t('reports.csv')}
            </a>
          </div>
          <p className="reports__note" id="report-table-note">
            {t('reports.note')}
          </p>
          {/* Named apart from its section ("Indicateurs par canal"): two landmarks of one name cannot be told apart. */}
          <div className="reports__scroll" tabIndex={0} role="region" aria-label={t('reports.table')} aria-describedby="report-table-note">
            <table className="reports__figures" data-testid="report-table" data-by={shownBy}>
              <thead>
                <tr>
                  <td className="reports__corner" />
                  {COLUMN_GROUPS.map((g) => (
                    <th key={g.group} scope="colgroup" colSpan={g.span} className="reports__group">
                      {t(`reports.groups.${g.group}`)}
                    </th>
                  ))}
                </tr>
                <tr>
                  <th scope="col">{t(`reports.dimensions.${shownBy}`)}</th>
                  {FIGURE_COLUMNS.map((c, i) => (
                    <th key={c} scope="col" className={i > 0 && FIGURE_GROUP[FIGURE_COLUMNS[i - 1]!] !== FIGURE_GROUP[c] ? 'reports__group-start' : undefined}>
                      {t(`reports.figures.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...figures.groups, figures.total].map((g) => (
                  <tr key={g.key} data-key={g.key} className={g.key === 'total' ? 'reports__total' : undefined}>
                    <th scope="row">{keyLabel(g.key)}</th>
                    {FIGURE_COLUMNS.map((c, i) => (
                      <td key={c} data-figure={c} className={i > 0 && FIGURE_GROUP[FIGURE_COLUMNS[i - 1]!] !== FIGURE_GROUP[c] ? 'reports__group-start' : undefined}>
                        {fmt(c)(value(g, c))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {!inverted && <AnswerUsageTable period={period} agents={agents} />}
    </main>
  );
}
