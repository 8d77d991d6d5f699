import './reports.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIGURE_COLUMNS, REPORT_DIMENSIONS, type ReportDimension, type ReportSeries, type ReportSummary } from '../../../shared/reports.js';
import { BarChart } from './BarChart.js';
import { formatFigure, type Figure } from './format.js';
import { LineChart } from './LineChart.js';
import { fetchSeries, fetchSummary, seriesPath, summaryPath, type Period } from './reportsApi.js';

const CHART_FIGURES: readonly Figure[] = [
  'conversations',
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'serviceLevel',
  'abandonmentRate',
  'satisfaction',
  'surveyResponseRate',
  'contactsPerCitizen',
  'switchRate',
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function defaultPeriod(): Period {
  const now = new Date();
  return { from: isoDay(new Date(now.getTime() - 29 * 86_400_000)), to: isoDay(now) };
}

/** Reports for supervisors: a comparison per channel (queue, agent), a time series, their tables and CSV. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const [by, setBy] = useState<ReportDimension>('channel');
  const [figure, setFigure] = useState<Figure>('conversations');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [summary, setSummary] = useState<ReportSummary | null>(null);
  const [series, setSeries] = useState<ReportSeries | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (period.from > period.to) return;
    const abort = new AbortController();
    setError(null);
    Promise.all([fetchSummary(period, by, abort.signal), fetchSeries(period, bucket, abort.signal)])
      .then(([s, ts]) => {
        setSummary(s);
        setSeries(ts);
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      });
    return () => abort.abort();
  }, [period, by, bucket]);

  const fmt = (f: Figure) => (v: number | null) => formatFigure(f, v, i18n.language);
  const keyLabel = (key: string) => (by === 'channel' || key === 'total' ? t(`reports.keys.${key}`, { defaultValue: key }) : key);

  const timeline = useMemo(() => {
    if (!series) return null;
    const buckets = [...new Set(series.points.map((p) => p.bucket))];
    const keys = [...new Set(series.points.map((p) => p.key))];
    const at = new Map(series.points.map((p) => [`${p.bucket}|${p.key}`, p]));
    const lines = keys.map((key) => ({ label: t(`reports.keys.${key}`, { defaultValue: key }), key, values: buckets.map((b) => at.get(`${b}|${key}`)?.[figure] ?? null) }));
    return { buckets, lines };
  }, [series, figure, t]);

  const figureName = t(`reports.figures.${figure}`);
  return (
    <main id="main" className="reports" tabIndex={-1}>
      <h1>{t('reports.title')}</h1>
      <form className="reports__filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="report-from">{t('reports.from')}</label>
          <input id="report-from" type="date" value={period.from} max={period.to} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('reports.to')}</label>
          <input id="report-to" type="date" value={period.to} min={period.from} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))} />
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
      {error && <p role="alert">{error}</p>}
      {!summary && !error && <p role="status">{t('common.loading')}</p>}
      {summary && (
        <section aria-labelledby="report-compare">
          <h2 id="report-compare">{t('reports.compare', { figure: figureName, dimension: t(`reports.dimensions.${by}`) })}</h2>
          <BarChart
            title={t('reports.compare', { figure: figureName, dimension: t(`reports.dimensions.${by}`) })}
            description={summary.groups.map((g) => `${keyLabel(g.key)} : ${fmt(figure)(g[figure])}`).join(' ; ')}
            bars={summary.groups.map((g) => ({ label: keyLabel(g.key), value: g[figure] }))}
            format={(v) => fmt(figure)(v)}
          />
          <div className="reports__table-head">
            <h3>{t('reports.table')}</h3>
            <a href={summaryPath(period, by, 'csv')} download>
              {t('reports.csv')}
            </a>
          </div>
          <div className="reports__scroll" tabIndex={0} role="region" aria-label={t('reports.table')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(`reports.dimensions.${by}`)}</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <th key={c} scope="col">
                      {t(`reports.figures.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...summary.groups, summary.total].map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{keyLabel(g.key)}</th>
                    {FIGURE_COLUMNS.map((c) => (
                      <td key={c}>{fmt(c)(g[c])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {timeline && (
        <section aria-labelledby="report-series">
          <h2 id="report-series">{t('reports.overTime', { figure: figureName })}</h2>
          <LineChart
            title={t('reports.overTime', { figure: figureName })}
            description={t('reports.seriesDescription', { from: timeline.buckets[0] ?? '', to: timeline.buckets[timeline.buckets.length - 1] ?? '' })}
            buckets={timeline.buckets}
            lines={timeline.lines}
            format={(v) => fmt(figure)(v)}
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
                      <th scope="row">{b}</th>
                      {timeline.lines.map((l) => (
                        <td key={l.key}>{fmt(figure)(l.values[i] ?? null)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <a href={seriesPath(period, bucket, 'csv')} download>
            {t('reports.csvSeries')}
          </a>
        </section>
      )}
    </main>
  );
}
