import { z } from 'zod';
import { BadCursorError } from './errors.js';

// Cursors are opaque to callers but adapter-neutral: base64url of the sort key as JSON, so the
// SQLite and MongoDB adapters issue and accept the same cursors. The kind tag stops a timeline
// cursor from being replayed against the inbox (same key shape, different order).

export type CursorKind = 'inbox' | 'timeline' | 'search';

/** Sort key of an inbox row (`lastActivityAt`) or a timeline entry (`at`), tie-broken by id. */
export interface SortKey {
  at: string;
  id: string;
}

const CursorBody = z.strictObject({
  k: z.enum(['inbox', 'timeline', 'search']),
  at: z.string().min(1).max(64),
  id: z.string().min(1).max(64),
});

export function encodeCursor(kind: CursorKind, key: SortKey): string {
  return Buffer.from(JSON.stringify({ k: kind, at: key.at, id: key.id }), 'utf8').toString('base64url');
}

export function decodeCursor(kind: CursorKind, cursor: string): SortKey {
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(cursor)) throw new BadCursorError(cursor);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError(cursor);
  }
  const parsed = CursorBody.safeParse(json);
  if (!parsed.success || parsed.data.k !== kind) throw new BadCursorError(cursor);
  return { at: parsed.data.at, id: parsed.data.id };
}
