import express, { Router } from 'express';
import { DomainError } from '../../../domain/errors.js';
import type { ReceiptDesk } from '../../../domain/delivery-receipts.js';
import type { IngestService } from '../../../domain/ingest.js';
import { rawBody, refuse, safeEqual, type Started } from '../../webhook-kit.js';
import { normalizeMetaPayload } from './meta-normalize.js';
import { verifyMetaSignature } from './meta-signature.js';

export interface MetaServices {
  ingest: Pick<IngestService, 'ingest'>;
  receipts: Pick<ReceiptDesk, 'receive'>;
  log: (msg: string, err?: unknown) => void;
}

export interface MetaRouteOptions {
  appSecret: string;
  /** Unset: the subscription handshake (GET) is refused with a reason; deliveries still work. */
  verifyToken?: string | undefined;
  started: Started<MetaServices>;
}

/**
 * GET /webhooks/meta answers Meta's subscription handshake; POST receives deliveries. The
 * signature is checked over the raw bytes before anything is parsed (missing 401, wrong 403,
 * nothing stored), and 200 goes back only once every message of the delivery is in the journal:
 * on a failure Meta redelivers the whole batch, and the (channel, mid/wamid) dedupe absorbs the
 * part already stored.
 */
export function metaRouter(options: MetaRouteOptions): Router {
  const router = Router();

  router.get('/', (req, res) => {
    if (!options.verifyToken) return refuse(res, 503, 'the Meta subscription handshake is disabled: META_VERIFY_TOKEN is not set');
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (mode !== 'subscribe' || typeof token !== 'string' || !safeEqual(token, options.verifyToken)) {
      return refuse(res, 403, 'hub.mode or hub.verify_token does not match');
    }
    if (typeof challenge !== 'string') return refuse(res, 400, 'hub.challenge is missing');
    res.status(200).type('text/plain').send(challenge);
  });

  router.post('/', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const body = rawBody(req);
    const verdict = verifyMetaSignature(options.appSecret, req.get('x-hub-signature-256'), body);
    if (verdict === 'missing') return refuse(res, 401, 'X-Hub-Signature-256 is missing');
    if (verdict === 'invalid') return refuse(res, 403, 'X-Hub-Signature-256 does not match (check META_APP_SECRET)');
    const started = options.started.get(res);
    if (!started) return;
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'the body is not valid JSON');
    }
    const batch = normalizeMetaPayload(json);
    for (const reason of batch.ignored) started.log(`meta webhook: ${reason}`);
    for (const message of batch.messages) {
      try {
        await started.ingest.ingest(message);
      } catch (err) {
        // A message the domain refuses (a number that is not one) would be refused on every
        // redelivery too: skip it. Anything else (the store) fails the delivery so Meta retries.
        if (!(err instanceof DomainError) || err.code === 'unavailable') throw err;
        started.log(`meta webhook: ${message.channel} message ${message.externalId} refused: ${err.message}`);
      }
    }
    for (const receipt of batch.receipts) await started.receipts.receive(receipt);
    res.status(200).type('text/plain').send('EVENT_RECEIVED');
  });
  return router;
}
