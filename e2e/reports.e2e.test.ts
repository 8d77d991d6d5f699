import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Directory } from '../shared/api.js';
import { FIGURE_COLUMNS, type ReportDimension, type ReportFigures, type ReportSummary } from '../shared/reports.js';
import { formatFigure } from '../client/features/reports/format.js';
import { FRENCH_FIGURE_TITLES } from '../server/domain/reports/csv.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// The demo history (about two months of conversations before start-up) without the simulator,
// so the figures stay put while the page and the API are compared.
const PASSWORD = 'demo-password-e2e-reports';
const SUPERVISOR = 'superviseur@mairie.example';
const AGENT = 'agent@mairie.example';

/** Spaces as the page and Node may print them (no-break, narrow no-break) made plain. */
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

interface TableRow {
  key: string;
  name: string;
  cells: Record<string, string>;
}

describe.skipIf(!availability.available)('reports page in Chromium', () => {
  const demo = useDemoConsole('reports', PASSWORD);
  const { newPage, login } = demo;

  /** The figures table as displayed, once it shows `by`. */
  async function readTable(page: Page, by: ReportDimension): Promise<TableRow[]> {
    const table = page.locator(`[data-testid="report-table"][data-by="${by}"]`);
    await table.waitFor({ timeout: 15_000 });
    return table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((tr) => ({
        key: tr.getAttribute('data-key') ?? '',
        name: tr.querySelector('th')?.textContent ?? '',
        cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-figure') ?? '?', td.textContent ?? ''])),
      })),
    );
  }

  async function summaryFromApi(page: Page, by: ReportDimension): Promise<ReportSummary> {
    const from = await page.locator('#report-from').inputValue();
    const to = await page.locator('#report-to').inputValue();
    const res = await page.request.get(`${demo.server.url}/api/reports/summary?from=${from}&to=${to}&by=${by}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as ReportSummary;
  }

  /** Every cell of the table is the API's figure for the same group, as the page formats it. */
  function expectTableMatches(rows: TableRow[], summary: ReportSummary, names: (key: string) => string): void {
    const records: ReportFigures[] = [...summary.groups, summary.total];
    expect(rows.map((r) => r.key)).toEqual(records.map((g) => g.key));
    for (const [i, g] of records.entries()) {
      const row = rows[i]!;
      expect(plain(row.name)).toBe(names(g.key));
      // Counts read back as numbers, without the formatter: the page shows the API's count.
      expect(Number(row.cells.conversations!.replace(/\s/g, ''))).toBe(g.conversations);
      expect(Number(row.cells.resolved!.replace(/\s/g, ''))).toBe(g.resolved);
      for (const c of FIGURE_COLUMNS) expect(plain(row.cells[c] ?? '(no cell)'), `${g.key} ${c}`).toBe(plain(formatFigure(c, g[c], 'fr')));
    }
  }

  it('shows charts and tables with the API figures; the dimension switches; the CSV matches the table', async () => {
    const page = await newPage();
    await login(page, SUPERVISOR);
    await page.getByRole('navigation', { name: 'Espaces' }).getByRole('link', { name: 'Rapports' }).click();
    await page.waitForURL('**/reports');
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();

    // The header holds on one line at 1440 px: every link and the sign-out button share a row.
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height).toBeLessThan(64);

    // By channel: the demo history has traffic on several channels.
    const byChannel = await summaryFromApi(page, 'channel');
    expect(byChannel.groups.length).toBeGreaterThan(1);
    expect(byChannel.total.conversations).toBeGreaterThan(0);
    const channelRows = await readTable(page, 'channel');
    const channelName = (key: string) => ({ total: 'Total', email: 'E-mail', phone: 'Téléphone', webchat: 'Chat web', messenger: 'Messenger', whatsapp: 'WhatsApp', instagram: 'Instagram', telegram: 'Telegram' })[key] ?? key;
    expectTableMatches(channelRows, byChannel, channelName);
    // The two service-level figures have their columns, with French headers.
    const headers = (await page.getByTestId('report-table').locator('thead th').allTextContents()).map(plain);
    expect(headers).toEqual(expect.arrayContaining(['Niveau de service (1re réponse)', 'Niveau de service (résolution)', 'Délais dépassés']));

    // Headline tiles: the period's totals.
    const kpis = page.getByTestId('report-kpis');
    expect(Number((await kpis.locator('[data-figure="conversations"]').textContent())!.replace(/\s/g, ''))).toBe(byChannel.total.conversations);
    for (const f of ['serviceLevel', 'resolutionServiceLevel', 'breaches'] as const) {
      expect(plain((await kpis.locator(`[data-figure="${f}"]`).textContent()) ?? '')).toBe(plain(formatFigure(f, byChannel.total[f], 'fr')));
    }

    // Charts: SVG images named by their title and described by their desc; one bar per channel.
    const charts = page.locator('svg.report-chart[role="img"]');
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      const ids = ((await chart.getAttribute('aria-labelledby')) ?? '').split(' ');
      expect(ids).toHaveLength(2);
      const [title, desc] = await Promise.all(ids.map((id) => chart.locator(`[id="${id}"]`).evaluate((e) => `${e.tagName}:${e.textContent ?? ''}`)));
      expect(title).toMatch(/^title:Conversations (par canal|dans le temps)$/);
      expect(desc).toMatch(/^desc:.{10,}/);
    }
    const bars = page.getByRole('img', { name: /Conversations par canal/ });
    expect(await bars.locator('rect').count()).toBe(byChannel.groups.length);
    const email = byChannel.groups.find((g) => g.key === 'email');
    expect(email, 'the demo history has emails').toBeDefined();
    expect(await bars.locator('desc').textContent()).toContain(`E-mail : ${email!.conversations}`);
    expect(await page.getByRole('img', { name: /Conversations dans le temps/ }).locator('polyline').count()).toBe(byChannel.groups.length + 1);

    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-1440.png') });
    const fullHeight = await page.evaluate(() => document.querySelector('main')!.scrollHeight + document.querySelector('header')!.offsetHeight);
    await page.setViewportSize({ width: 1440, height: fullHeight + 16 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-1440-full.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-1280.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    // By queue, then by agent: the table follows, with the directory's names.
    const directory = (await (await page.request.get(`${demo.server.url}/api/directory`)).json()) as Directory;
    const queueName = (key: string) => (key === 'total' ? 'Total' : (directory.queues.find((q) => q.id === key)?.name ?? key));
    await page.getByLabel('Comparer par', { exact: true }).selectOption('queue');
    const byQueue = await summaryFromApi(page, 'queue');
    expect(byQueue.groups.map((g) => g.key).sort()).not.toEqual(byChannel.groups.map((g) => g.key).sort());
    expectTableMatches(await readTable(page, 'queue'), byQueue, queueName);
    expect(await page.getByRole('heading', { level: 2, name: 'Indicateurs par file' }).count()).toBe(1);

    const agentName = (key: string) => (key === 'total' ? 'Total' : key === 'unassigned' ? 'Non attribuées' : (directory.agents.find((a) => a.id === key)?.displayName ?? key));
    await page.getByLabel('Comparer par', { exact: true }).selectOption('agent');
    const byAgent = await summaryFromApi(page, 'agent');
    const agentRows = await readTable(page, 'agent');
    expectTableMatches(agentRows, byAgent, agentName);
    expect(agentRows.map((r) => r.name)).toContain('Camille Martin');
    await page.getByLabel('Indicateur', { exact: true }).selectOption('resolutionServiceLevel');
    await page.getByRole('heading', { level: 2, name: 'Niveau de service (résolution) par agent' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-by-agent.png') });

    // The CSV link downloads the table on screen, for a French spreadsheet (the console's
    // language): BOM, `;`, decimal comma, the table's names and French titles; same figures.
    const href = await page.getByTestId('report-csv').getAttribute('href');
    expect(href).toContain('by=agent');
    expect(href).toContain('locale=fr');
    const csv = await page.request.get(`${demo.server.url}${href!}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(['Agent', ...FIGURE_COLUMNS.map((c) => FRENCH_FIGURE_TITLES[c])].join(';'));
    // Agents' names hold no `;` or quote, so a plain split is the spreadsheet's reading.
    const csvRows = lines.slice(1).map((l) => l.split(';'));
    expect(csvRows.map((r) => r[0])).toEqual(agentRows.map((r) => plain(r.name)));
    let decimals = 0;
    for (const [i, cells] of csvRows.entries()) {
      FIGURE_COLUMNS.forEach((c, j) => {
        const raw = cells[j + 1]!;
        expect(raw, `CSV ${cells[0]} ${c}`).toMatch(/^(-?\d+(,\d+)?)?$/);
        if (raw.includes(',')) decimals += 1;
        expect(plain(formatFigure(c, raw === '' ? null : Number(raw.replace(',', '.')), 'fr')), `CSV ${cells[0]} ${c}`).toBe(plain(agentRows[i]!.cells[c]!));
      });
    }
    expect(decimals, 'the demo figures include shares and means').toBeGreaterThan(0);

    // locale=en: the form scripts have always parsed (commas, decimal point, field names, ids).
    const english = await page.request.get(`${demo.server.url}${href!.replace('locale=fr', 'locale=en')}`);
    const enLines = (await english.body()).subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(enLines[0]).toBe(['key', ...FIGURE_COLUMNS].join(','));
    const enRows = enLines.slice(1).map((l) => l.split(','));
    expect(enRows.map((r) => r[0])).toEqual(agentRows.map((r) => r.key));
    for (const [i, cells] of enRows.entries()) {
      expect(cells.slice(1).join(';').replaceAll('.', ','), `CSV en ${cells[0]}`).toBe(csvRows[i]!.slice(1).join(';'));
    }
    const seriesHref = await page.getByTestId('report-csv-series').getAttribute('href');
    expect(seriesHref).toContain('locale=fr');

    // Narrow screens reflow (WCAG 1.4.10): no page-wide horizontal scroll at 320 CSS px.
    await page.setViewportSize({ width: 320, height: 640 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-320.png') });

    // A period without traffic says so, instead of empty charts.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('#report-to').fill('2020-01-31');
    await page.locator('#report-from').fill('2020-01-01');
    const status = page.getByTestId('report-status');
    await expect.poll(async () => plain((await status.textContent()) ?? ''), { timeout: 15_000 }).toBe('Aucune conversation du 1 janv. 2020 au 31 janv. 2020 : rien à mesurer sur cette période.');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await page.locator('svg.report-chart').count()).toBe(0);
    expect(await page.getByTestId('report-table').count()).toBe(0);
    expect(await page.getByTestId('report-kpis').count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-empty-period.png') });

    // An inverted period: the form flags both dates and says why; no figures, no request sent.
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/reports/')) requests.push(r.url());
    });
    await page.locator('#report-from').fill('2020-02-10');
    const alert = page.getByTestId('report-period-error');
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(plain((await alert.textContent()) ?? '')).toBe('Période inversée : le 10 févr. 2020 est après le 31 janv. 2020. Choisissez une date de début antérieure ou égale à la date de fin.');
    for (const id of ['#report-from', '#report-to']) {
      expect(await page.locator(id).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(id).getAttribute('aria-describedby')).toBe('report-period-error');
    }
    expect(plain((await status.textContent()) ?? '')).toBe('');
    expect(await page.locator('svg.report-chart').count()).toBe(0);
    expect(requests).toEqual([]);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-inverted-period.png') });
    // The API refuses it as well, with its reason.
    const refused = await page.request.get(`${demo.server.url}/api/reports/summary?from=2020-02-10&to=2020-01-31&format=csv`);
    expect(refused.status()).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('from must not be after to');
    const badLocale = await page.request.get(`${demo.server.url}/api/reports/summary?from=2020-01-01&to=2020-01-31&format=csv&locale=de`);
    expect(badLocale.status()).toBe(400);
    expect(JSON.stringify(await badLocale.json())).toContain('locale must be fr or en');
    expect(demo.server.process.exitCode).toBeNull();
  }, 180_000);

  it('refuses the reports to an agent: 403 from the API, no link, the page leads back to the inbox', async () => {
    const page = await newPage();
    await login(page, AGENT);
    const nav = page.getByRole('navigation', { name: 'Espaces' });
    await nav.getByRole('link', { name: 'Boîte de réception' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Rapports' }).count()).toBe(0);

    const today = new Date().toISOString().slice(0, 10);
    const summary = await page.request.get(`${demo.server.url}/api/reports/summary?from=${today}&to=${today}`);
    expect(summary.status()).toBe(403);
    const csv = await page.request.get(`${demo.server.url}/api/reports/summary?from=${today}&to=${today}&format=csv`);
    expect(csv.status()).toBe(403);
    expect(csv.headers()['content-type']).not.toMatch(/text\/csv/);

    await page.goto(`${demo.server.url}/reports`);
    await page.waitForURL('**/inbox**', { timeout: 15_000 });
    expect(await page.getByRole('heading', { level: 1, name: 'Rapports' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-refused-agent.png') });
  }, 60_000);
});
