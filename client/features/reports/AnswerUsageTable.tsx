import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerReport } from '../../../shared/answers.js';
import type { Agent, Channel } from '../../../shared/model.js';
import { fetchAnswerReport, type Period } from './reportsApi.js';

const WRITTEN: readonly Channel[] = ['email', 'whatsapp', 'messenger', 'instagram', 'telegram', 'webchat'];

/** Which library answers were sent over the period, on which channels, by whom: where the library helps. */
export function AnswerUsageTable({ period, agents }: { period: Period; agents: readonly Agent[] }) {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<AnswerReport | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchAnswerReport(period, abort.signal).then(setReport, () => !abort.signal.aborted && setReport(null));
    return () => abort.abort();
  }, [period]);
  if (!report) return null;
  const number = new Intl.NumberFormat(i18n.language);
  const channels = WRITTEN.filter((c) => report.items.some((i) => (i.byChannel[c] ?? 0) > 0));
  const name = (id: string) => agents.find((a) => a.id === id)?.displayName ?? id;
  return (
    <section aria-labelledby="report-answers" className="report-panel" data-testid="report-answers">
      <h2 id="report-answers">{t('reports.answers.title')}</h2>
      {report.items.length === 0 ? (
        <p className="muted">{t('reports.answers.none')}</p>
      ) : (
        <div className="reports__scroll" tabIndex={0} role="region" aria-label={t('reports.answers.table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.answers.answer')}</th>
                <th scope="col">{t('reports.answers.uses')}</th>
                {channels.map((c) => (
                  <th key={c} scope="col">
                    {t(`channel.${c}`)}
                  </th>
                ))}
                <th scope="col">{t('reports.answers.agents')}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr key={item.answerId}>
                  <th scope="row">
                    {item.title} <span className="muted">({item.theme})</span>
                  </th>
                  <td>{number.format(item.total)}</td>
                  {channels.map((c) => (
                    <td key={c}>{number.format(item.byChannel[c] ?? 0)}</td>
                  ))}
                  <td>{item.byAgent.slice(0, 3).map((a) => `${name(a.agentId)} (${number.format(a.count)})`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
