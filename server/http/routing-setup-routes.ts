import { Router } from 'express';
import type { SessionService } from '../auth/session-service.js';
import { DomainError } from '../domain/errors.js';
import type { RoutingSetupService } from '../domain/routing-setup/live-setup.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

/**
 * The routing setup on screen: GET gives the same JSON as ROUTING_FILE (keep it in version
 * control), its version as the ETag; PUT replaces it, refused with 409 when `If-Match` names a
 * version that is no longer current.
 */
export function routingSetupRoutes(setup: RoutingSetupService, sessions: SessionService): Router {
  const router = Router();
  const guard = guardFor(sessions);

  router.get('/admin/routing', guard('GET /api/admin/routing'), async (_req, res) => {
    const { version, setup: document } = await setup.document(agentOf(res));
    res.setHeader('ETag', `"${version}"`);
    res.json(document);
  });
  router.put('/admin/routing', guard('PUT /api/admin/routing'), async (req, res) => {
    const match = req.get('if-match');
    let ifVersion: number | null = null;
    if (match) {
      ifVersion = Number(/^"?(\d+)"?$/.exec(match.trim())?.[1] ?? NaN);
      if (!Number.isInteger(ifVersion)) throw new DomainError('bad_request', 'If-Match must be a version, e.g. "3"');
    }
    const result = await setup.replace(agentOf(res), req.body, ifVersion);
    res.setHeader('ETag', `"${result.version}"`);
    res.json(result);
  });
  router.get('/admin/routing/history', guard('GET /api/admin/routing/history'), async (_req, res) => {
    res.json({ items: await setup.history(agentOf(res)) });
  });
  return router;
}
