import { Router } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { AgentId } from '../../shared/index.js';
import type { AccountService } from '../auth/account-service.js';
import type { SessionService } from '../auth/session-service.js';
import { parseOrReject } from '../domain/errors.js';
import { sendError } from './errors.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

/** Staff administration (admins) and one's own account (password, second factor). */
export function accountRoutes(accounts: AccountService, sessions: SessionService, options: { limit: number; windowMs: number }): Router {
  const router = Router();
  const guard = guardFor(sessions);
  const idOf = (raw: unknown) => parseOrReject(AgentId, raw, 'account id');

  router.get('/admin/accounts', guard('GET /api/admin/accounts'), async (_req, res) => {
    res.json({ items: await accounts.list(agentOf(res)) });
  });
  router.post('/admin/accounts', guard('POST /api/admin/accounts'), async (req, res) => {
    res.status(201).json(await accounts.invite(agentOf(res), req.body));
  });
  router.patch('/admin/accounts/:id', guard('PATCH /api/admin/accounts/{id}'), async (req, res) => {
    res.json(await accounts.update(agentOf(res), idOf(req.params.id), req.body));
  });
  router.post('/admin/accounts/:id/deactivate', guard('POST /api/admin/accounts/{id}/deactivate'), async (req, res) => {
    res.json(await accounts.deactivate(agentOf(res), idOf(req.params.id)));
  });
  router.post('/admin/accounts/:id/reactivate', guard('POST /api/admin/accounts/{id}/reactivate'), async (req, res) => {
    res.json(await accounts.reactivate(agentOf(res), idOf(req.params.id)));
  });
  router.post('/admin/accounts/:id/password-link', guard('POST /api/admin/accounts/{id}/password-link'), async (req, res) => {
    res.json(await accounts.sendPasswordLink(agentOf(res), idOf(req.params.id)));
  });
  router.post('/admin/accounts/:id/second-factor/reset', guard('POST /api/admin/accounts/{id}/second-factor/reset'), async (req, res) => {
    res.json(await accounts.resetSecondFactor(agentOf(res), idOf(req.params.id)));
  });
  router.get('/admin/settings/second-factor', guard('GET /api/admin/settings/second-factor'), async (_req, res) => {
    res.json(await accounts.secondFactorPolicy(agentOf(res)));
  });
  router.put('/admin/settings/second-factor', guard('PUT /api/admin/settings/second-factor'), async (req, res) => {
    res.json(await accounts.setSecondFactorPolicy(agentOf(res), req.body));
  });

  // The link is the credential; guessing one is bounded per address like a login.
  const redeemLimit = rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `redeem|${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, res) => sendError(res, { code: 'rate_limited', message: 'too many attempts; wait a minute' }),
  });
  router.post('/account/set-password', redeemLimit, async (req, res) => {
    res.json(await accounts.redeem(req.body));
  });
  router.post('/account/password', guard('POST /api/account/password'), async (req, res) => {
    await accounts.changePassword(agentOf(res), req.body);
    res.status(204).end();
  });
  router.post('/account/second-factor', guard('POST /api/account/second-factor'), async (_req, res) => {
    res.json(await accounts.startEnrolment(agentOf(res)));
  });
  router.post('/account/second-factor/confirm', guard('POST /api/account/second-factor/confirm'), async (req, res) => {
    res.json(await accounts.confirmEnrolment(agentOf(res), req.body));
  });
  return router;
}
