import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../domain/ports.js';
import { answersContract } from './answers.contract.js';
import { citizenMergeContract } from './citizen-merge.contract.js';
import { citizenProfileContract } from './citizen-profile.contract.js';
import { claimsContract } from './claims.contract.js';
import { conversationListContract } from './conversation-list.contract.js';
import { directoryContract } from './directory.contract.js';
import { earlyReportsContract } from './early-reports.contract.js';
import { journalContract } from './journal.contract.js';
import { outboxContract } from './outbox.contract.js';
import { readModelContract } from './read-model.contract.js';
import { rebuildContract } from './rebuild.contract.js';
import { reportRowsContract } from './report-rows.contract.js';
import { searchContract } from './search.contract.js';
import { timelineContract } from './timeline.contract.js';
import { trainingContract } from './training.contract.js';

// The behaviour every Store adapter must show, one file per part of the port. It talks only
// through the port and treats cursors as opaque, so the SQLite and MongoDB adapters run these
// very files. Each test gets a fresh store: the parts read it through `current`.

export interface StoreContractOptions {
  /** "etat" finds "état" (SQLite FTS5 remove_diacritics; a MongoDB text index also does it). Default true. */
  accentInsensitiveSearch?: boolean;
  /** Appends racing for one identity claim. Default 20. */
  concurrentAppends?: number;
}

export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

export function storeContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  opts: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;

    beforeEach(async () => {
      subject = await makeStore();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const current = () => subject.store;
    journalContract(current);
    claimsContract(current, opts);
    readModelContract(current, opts);
    searchContract(current);
    conversationListContract(current);
    timelineContract(current);
    outboxContract(current);
    rebuildContract(current);
    reportRowsContract(current);
    directoryContract(current);
    trainingContract(current);
    answersContract(current);
    earlyReportsContract(current);
    citizenMergeContract(current);
    citizenProfileContract(current);
  });
}
