import { describe, expect, it } from 'vitest';
import type { QueueId } from '../../../shared/index.js';
import type { ReportRowQuery, Store } from '../ports.js';
import { ReportService } from './report-service.js';

/** Just the two store calls the service makes, counted. */
function fakeStore() {
  const reads: ReportRowQuery[] = [];
  let head = 1;
  const store = {
    headSeq: async () => head,
    listReportRows: async (q: ReportRowQuery) => {
      reads.push(q);
      return [];
    },
  } as Pick<Store, 'headSeq' | 'listReportRows'> as Store;
  return { store, reads, advance: () => (head += 1) };
}

describe('ReportService', () => {
  it('reads Paris days, to included, and only the visible queues', async () => {
    const { store, reads } = fakeStore();
    await new ReportService(store).summary({ from: '2025-07-01', to: '2025-07-31', visibleQueueIds: ['que_a' as QueueId] }, 'channel');
    expect(reads).toEqual([{ from: '2025-06-30T22:00:00.000Z', to: '2025-07-31T22:00:00.000Z', queueIds: ['que_a'] }]);
  });

  it('refuses a queue outside the visible ones rather than widening the view', async () => {
    const { store, reads } = fakeStore();
    await new ReportService(store).summary({ from: '2025-07-01', to: '2025-07-01', queueId: 'que_b' as QueueId, visibleQueueIds: ['que_a' as QueueId] }, 'queue');
    expect(reads[0]?.queueIds).toEqual([]);
  });

  it('shares one read between charts of a period until the journal moves', async () => {
    const { store, reads, advance } = fakeStore();
    const service = new ReportService(store);
    const period = { from: '2025-07-01', to: '2025-07-31' };
    await service.summary(period, 'channel');
    await service.series(period, 'week');
    expect(reads).toHaveLength(1);
    advance();
    await service.summary(period, 'agent');
    expect(reads).toHaveLength(2);
    await service.summary({ ...period, to: '2025-08-31' }, 'agent');
    expect(reads).toHaveLength(3);
  });
});
