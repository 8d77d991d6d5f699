import { Router } from 'express';
import type { SessionService } from '../../auth/session-service.js';
import type { Store } from '../../domain/ports.js';
import { agentOf, guardFor, sendError } from '../../http/kit.js';
import { AccessGate } from '../../domain/access.js';
import type { BlobStore } from './blob-store.js';

export interface AttachmentRouteDeps {
  sessions: SessionService;
  store: Store;
  blobs: BlobStore;
}

/**
 * `GET /api/email/attachments/:messageId/:index`: the bytes of one attachment, for staff who may
 * open its conversation (the same rule as the timeline that lists it). Always served as
 * a download: a citizen's HTML or SVG opened inline on the console's origin would run there.
 * `deps` resolves once the channel has started (the routes are mounted before that).
 */
export function attachmentRoutes(deps: () => AttachmentRouteDeps | null): Router {
  const router = Router();
  router.get(
    '/attachments/:messageId/:index',
    (req, res, next) => {
      const ready = deps();
      if (!ready) return sendError(res, { code: 'unavailable', message: 'the email channel is starting' });
      return guardFor(ready.sessions)('GET /api/email/attachments/{messageId}/{index}')(req, res, next);
    },
    async (req, res) => {
      const { store, blobs } = deps()!;
      const index = Number(req.params.index);
      // Through the access rule: an attachment of a conversation the caller may not open is not found.
      const message = Number.isInteger(index) && index >= 0 ? (await new AccessGate(store).message(agentOf(res), req.params.messageId)).message : null;
      const attachment = message?.attachments[index];
      const content = attachment?.blobId ? await blobs.get(attachment.blobId) : null;
      if (!attachment || !content) return sendError(res, { code: 'not_found', message: 'no such attachment, or its content was not kept' });
      res.setHeader('Cache-Control', 'private, no-store');
      res.attachment(attachment.name);
      res.type('application/octet-stream');
      res.send(content);
    },
  );
  return router;
}
