import { describe, expect, it } from 'vitest';
import { csvDownload, seriesPath, summaryPath } from './reportsApi.js';

describe('report download links', () => {
  it('carry the console language as the CSV locale, French when it is neither', () => {
    const period = { from: '2025-03-01', to: '2025-03-31' };
    expect(summaryPath(period, 'agent', csvDownload('fr'))).toBe('/api/reports/summary?from=2025-03-01&to=2025-03-31&by=agent&format=csv&locale=fr');
    expect(seriesPath(period, 'week', csvDownload('en-GB'))).toBe('/api/reports/series?from=2025-03-01&to=2025-03-31&bucket=week&format=csv&locale=en');
    expect(csvDownload('de').locale).toBe('fr');
    // The charts' JSON needs no locale.
    expect(summaryPath(period, 'channel')).toBe('/api/reports/summary?from=2025-03-01&to=2025-03-31&by=channel');
  });
});
