import { emptyBoard, foldBoardInPlace, trimBoard, type BoardState } from '../../../shared/index.js';
import type { Clock, Store } from '../ports.js';

const PAGE = 1000;

/**
 * The server's board: the shared fold (shared/board.ts) kept up to date from the store's journal,
 * not from the bus. Reading the journal on each snapshot makes it complete by construction —
 * events committed by another instance, or published while this one was busy, are in the store
 * below its safe watermark — and costs only the events since the last snapshot.
 */
export class BoardService {
  // Private and written in place page by page; only trimmed copies leave this class.
  private readonly state: BoardState = emptyBoard();
  // Snapshots run one after another: two concurrent catch-ups would fold the same pages twice.
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<Store, 'readJournal'>,
    private readonly clock: Clock,
  ) {}

  /** The board as of now, trimmed to what today's figures need (shared/board.ts trimBoard). */
  snapshot(): Promise<BoardState> {
    const next = this.chain.then(async () => trimBoard(await this.catchUp(), this.clock.now()));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async catchUp(): Promise<BoardState> {
    for (;;) {
      const events = await this.store.readJournal({ afterSeq: this.state.lastSeq, limit: PAGE });
      foldBoardInPlace(this.state, events);
      if (events.length < PAGE) return this.state;
    }
  }
}
