import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueId } from '../../../shared/index.js';
import { CallService } from '../../domain/calls.js';
import { IngestService } from '../../domain/ingest.js';
import { systemClock, type Store } from '../../domain/ports.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { CdrFormatError, cdrTime, importCdr, parseCdr } from './cdr-import.js';

const GOOD_AND_BAD = [
  'call_id,direction,from,to,start,answer,end,duration,outcome,recording_url,caller_name',
  '1700000001.1,inbound,06 12 34 56 78,01 40 00 00 00,2025-03-03 09:15:02,2025-03-03 09:15:10,2025-03-03 09:17:40,150,ANSWERED,,Jeanne Dupont',
  '1700000001.2,inbound,0612345678,0140000000,2025-03-03 10:00:00,,2025-03-03 10:00:25,0,NO ANSWER,,',
  '1700000001.3,inbound,not-a-number,0140000000,2025-03-03 10:05:00,,,,BUSY,,',
  '',
  '1700000001.4,outbound,0140000000,+33 7 00 00 00 02,2025-03-03T10:30:00+01:00,,,60,answered,,',
  '1700000001.5,inbound,0612345678,0140000000,yesterday,,,,missed,,',
  '"1700000001.6",sideways,0612345678,0140000000,2025-03-03 11:00:00,,,,missed,,',
  '1700000001.7,inbound,0612345678,0140000000,2025-03-03 11:30:00,,,,VOICEMAIL,https://pbx.mairie.fr/vm/7.wav,',
  '1700000001.8,inbound,0612345678',
].join('\n');

let store: Store;
let calls: CallService;
beforeEach(async () => {
  store = await openSqliteStore({ file: ':memory:' });
  await store.saveQueue({ id: 'que_accueil' as QueueId, name: 'Accueil', description: '', keywords: [], isDefault: true });
  const bus = new LocalEventBus();
  const ingest = new IngestService({ store, bus, clock: systemClock, queueRules: { queues: await store.listQueues() }, sanitizeHtml: (h) => h });
  calls = new CallService({ store, bus, clock: systemClock, ingest });
});
afterEach(async () => {
  await store.close();
});

describe('CDR times', () => {
  it('reads local times in the PBX’s zone, across daylight saving, and ISO times as given', () => {
    expect(cdrTime('2025-01-15 10:00:00', 'Europe/Paris')).toBe('2025-01-15T09:00:00.000Z');
    expect(cdrTime('2025-07-15 10:00', 'Europe/Paris')).toBe('2025-07-15T08:00:00.000Z');
    expect(cdrTime('2025-07-15T10:00:00+02:00', 'UTC')).toBe('2025-07-15T08:00:00.000Z');
    expect(cdrTime('2025-07-15T10:00:00', 'Europe/Paris')).toBe('2025-07-15T08:00:00.000Z');
    expect(cdrTime('15/07/2025', 'Europe/Paris')).toBeNull();
  });
});

describe('CDR import', () => {
  it('reports bad rows with their line numbers and imports the good ones', async () => {
    const summary = await importCdr(GOOD_AND_BAD, calls, { timeZone: 'Europe/Paris' });
    expect(summary).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(summary.rejected.map((r) => r.line)).toEqual([4, 7, 8, 10]);
    expect(summary.rejected[0]!.reason).toContain('not-a-number');
    expect(summary.rejected[1]!.reason).toContain('start');
    expect(summary.rejected[2]!.reason).toContain('direction');
    expect(summary.rejected[3]!.reason).toContain('columns');

    const answered = await store.findMessageByExternalId('phone', '1700000001.1');
    expect(answered).toMatchObject({
      direction: 'inbound',
      call: {
        from: '+33612345678',
        to: '+33140000000',
        outcome: 'answered',
        startedAt: '2025-03-03T08:15:02.000Z',
        answeredAt: '2025-03-03T08:15:10.000Z',
        endedAt: '2025-03-03T08:17:40.000Z',
        durationSec: 150,
      },
    });
    expect((await store.getCitizen(answered!.citizenId))!.displayName).toBe('Jeanne Dupont');
    expect((await store.findMessageByExternalId('phone', '1700000001.2'))!.call!.outcome).toBe('missed');
    expect((await store.findMessageByExternalId('phone', '1700000001.4'))).toMatchObject({ direction: 'outbound', call: { to: '+33700000002' } });
    expect((await store.findMessageByExternalId('phone', '1700000001.7'))!.call).toMatchObject({ outcome: 'voicemail', recordingUrl: 'https://pbx.mairie.fr/vm/7.wav' });
    // Same number, same citizen: the calls of rows 2, 3 (refused), 7 join the first one's.
    expect((await store.findMessageByExternalId('phone', '1700000001.7'))!.citizenId).toBe(answered!.citizenId);
  });

  it('changes nothing when the same file is imported again', async () => {
    await importCdr(GOOD_AND_BAD, calls, { timeZone: 'Europe/Paris' });
    const head = await store.headSeq();
    const again = await importCdr(GOOD_AND_BAD, calls, { timeZone: 'Europe/Paris' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(again.rejected).toHaveLength(4);
    expect(await store.headSeq()).toBe(head);
  });

  it('accepts Asterisk column names and refuses a file without the needed columns', () => {
    const asterisk = 'uniqueid,src,dst,start,answer,end,billsec,disposition\n1700.9,0612345678,0140000000,2025-03-03 09:00:00,2025-03-03 09:00:05,2025-03-03 09:01:05,60,ANSWERED';
    expect(parseCdr(asterisk, { timeZone: 'Europe/Paris' }).rows[0]!.report).toMatchObject({ externalId: '1700.9', stage: 'completed', durationSec: 60, direction: 'inbound' });
    expect(() => parseCdr('id,number\n1,0612345678', { timeZone: 'Europe/Paris' })).toThrow(CdrFormatError);
    expect(() => parseCdr(asterisk, { timeZone: 'Mars/Olympus' })).toThrow(CdrFormatError);
  });

  it('refuses a row whose recording link breaks the link rule, saying why', () => {
    const head = 'call_id,from,to,start,outcome,recording_url';
    const rows = ['javascript:alert(1)', 'http://pbx.example/vm.wav', '"data:text/html,<b>x</b>"'].map((link, i) => `9.${i},0612345678,0140000000,2025-03-03 09:00:00,voicemail,${link}`);
    const parsed = parseCdr([head, ...rows].join('\n'), { timeZone: 'Europe/Paris' });
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected.map((r) => r.line)).toEqual([2, 3, 4]);
    for (const r of parsed.rejected) expect(r.reason).toMatch(/^recording_url: .*https/);
  });
});
