import express, { Router } from 'express';
import { DomainError } from '../../../domain/errors.js';
import type { IngestService } from '../../../domain/ingest.js';
import { rawBody, refuse, safeEqual, type Started } from '../../webhook-kit.js';
import { readTelegramUpdate } from './telegram-normalize.js';

export interface TelegramServices {
  ingest: Pick<IngestService, 'ingest'>;
  log: (msg: string, err?: unknown) => void;
}

/**
 * POST /webhooks/telegram. Telegram proves a delivery by echoing the secret_token given to
 * setWebhook in X-Telegram-Bot-Api-Secret-Token (missing 401, wrong 403, checked before the body
 * is read). 200 once the message is in the journal; Telegram redelivers on anything else, and the
 * (telegram, chat:message_id) dedupe absorbs the repeat.
 */
export function telegramRouter(options: { secretToken: string; started: Started<TelegramServices> }): Router {
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const token = req.get('x-telegram-bot-api-secret-token');
    if (!token) return refuse(res, 401, 'X-Telegram-Bot-Api-Secret-Token is missing');
    if (!safeEqual(token, options.secretToken)) return refuse(res, 403, 'X-Telegram-Bot-Api-Secret-Token does not match (check TELEGRAM_SECRET_TOKEN)');
    const started = options.started.get(res);
    if (!started) return;
    let json: unknown;
    try {
      json = JSON.parse(rawBody(req).toString('utf8'));
    } catch {
      return refuse(res, 400, 'the body is not valid JSON');
    }
    const reading = readTelegramUpdate(json);
    if ('ignored' in reading) {
      started.log(`telegram webhook: ${reading.ignored}`);
      res.status(200).json({ status: 'ignored' });
      return;
    }
    try {
      const result = await started.ingest.ingest(reading.message);
      res.status(200).json({ status: result.status, messageId: result.message.id });
    } catch (err) {
      // Refused by the domain: a redelivery would be refused again, so acknowledge it.
      if (!(err instanceof DomainError) || err.code === 'unavailable') throw err;
      started.log(`telegram webhook: message ${reading.message.externalId} refused: ${err.message}`);
      res.status(200).json({ status: 'refused', reason: err.message });
    }
  });
  return router;
}
