import { createHash } from 'node:crypto';
import { EARLY_REPORT_TTL_MS } from '../../domain/ports.js';
import type { Collections } from './models.js';
import { isDuplicateKey } from './mongo-errors.js';

// Provider reports held until what they are about is filed (see Store.holdEarlyReport). The same
// body held twice is one document: its `_id` is made of the key and the body's hash.

export interface EarlyReports {
  hold(key: string, body: string, at: string): Promise<void>;
  list(key: string): Promise<string[]>;
  release(key: string): Promise<void>;
}

export function earlyReports(c: Collections): EarlyReports {
  return {
    async hold(key, body, at) {
      await c.earlyReports.deleteMany({ heldAt: { $lt: new Date(Date.parse(at) - EARLY_REPORT_TTL_MS).toISOString() } });
      const _id = `${key}\n${createHash('sha256').update(body).digest('base64url')}`;
      try {
        await c.earlyReports.insertOne({ _id, key, body, heldAt: at });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async list(key) {
      return (await c.earlyReports.find({ key }).sort({ heldAt: 1, _id: 1 }).toArray()).map((d) => d.body);
    },
    async release(key) {
      await c.earlyReports.deleteMany({ key });
    },
  };
}
