import { beforeEach, describe, expect, it } from 'vitest';
import { EARLY_REPORT_TTL_MS, type Store } from '../../domain/ports.js';
import { at } from '../../testing/journal-events.js';

// EarlyReportStore: provider reports held until what they are about is filed.

export function earlyReportsContract(current: () => Store): void {
  describe('early reports', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('holds reports by key, once per body, until released; rebuilds keep them', async () => {
      await store.holdEarlyReport('phone:CA1', '{"r":1}', at(1));
      await store.holdEarlyReport('phone:CA1', '{"r":2}', at(2));
      await store.holdEarlyReport('phone:CA1', '{"r":1}', at(3));
      await store.holdEarlyReport('phone:CA2', '{"r":3}', at(3));
      expect(await store.earlyReports('phone:CA1')).toEqual(['{"r":1}', '{"r":2}']);
      await store.rebuildProjections();
      expect(await store.earlyReports('phone:CA1')).toEqual(['{"r":1}', '{"r":2}']);
      await store.releaseEarlyReports('phone:CA1');
      expect(await store.earlyReports('phone:CA1')).toEqual([]);
      expect(await store.earlyReports('phone:CA2')).toEqual(['{"r":3}']);
      expect(await store.earlyReports('phone:none')).toEqual([]);
    });

    it('forgets reports held past their time to live', async () => {
      await store.holdEarlyReport('phone:old', '{"r":"old"}', '2026-01-01T00:00:00.000Z');
      await store.holdEarlyReport('phone:new', '{"r":"new"}', new Date(Date.parse('2026-01-01T00:00:00.000Z') + EARLY_REPORT_TTL_MS + 1000).toISOString());
      expect(await store.earlyReports('phone:old')).toEqual([]);
      expect(await store.earlyReports('phone:new')).toEqual(['{"r":"new"}']);
    });
  });
}
