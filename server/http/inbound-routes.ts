import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { IngestService } from '../domain/ingest.js';
import { sendError } from './errors.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The generic ingest endpoint for connectors that already speak `InboundMessage`.
 * 201 means committed to the journal; 200 means it was already there (a retry), so a
 * connector can retry blindly until it gets a 2xx.
 */
export function inboundRoutes(ingest: IngestService, apiKey: string): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : (req.headers['x-api-key'] as string | undefined) ?? '';
    if (!given || !sameSecret(given, apiKey)) {
      return sendError(res, { code: 'unauthenticated', message: 'a valid ingest API key is required (Authorization: Bearer <key>)' });
    }
    const result = await ingest.ingest(req.body);
    res.status(result.status === 'accepted' ? 201 : 200).json({
      status: result.status,
      messageId: result.message.id,
      conversationId: result.message.conversationId,
      citizenId: result.message.citizenId,
    });
  });
  return router;
}
