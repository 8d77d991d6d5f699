import type { AgentId } from '../../../shared/ids.js';
import type { JournalEvent } from '../../../shared/journal.js';
import type { ReplayData } from '../../../shared/replay.js';
import { assigned, CIT, CONV, message, ME, opened, received, sent } from '../../testing/fixtures.js';

export const AGENT_ID_FOR_TESTS = ME as AgentId;

const iso = (min: number) => new Date(Date.parse('2025-10-14T08:00:00.000Z') + min * 60_000).toISOString();

/** A small masked replay: opened, two messages on two channels, an assignment, a reply. */
export function replayData(): ReplayData {
  const events: JournalEvent[] = [
    opened({ seq: 1, at: iso(0) }),
    received({ seq: 2, at: iso(0), message: message({ id: 'msg_1', at: iso(0), channel: 'email' }) }),
    received({ seq: 3, at: iso(5), message: message({ id: 'msg_2', at: iso(5), channel: 'whatsapp' }) }),
    assigned({ seq: 4, at: iso(90), assigneeId: ME }),
    sent({ seq: 5, at: iso(192), message: message({ id: 'msg_3', at: iso(192), direction: 'outbound', channel: 'whatsapp', status: 'queued' }) }),
  ];
  return {
    ref: { kind: 'conversation', id: CONV },
    masked: true,
    citizenId: CIT,
    citizenLabel: 'Citoyen A',
    title: 'Acte de naissance',
    context: [],
    events,
    hidden: {},
    annotations: [],
    truncated: false,
  };
}
