import { Router } from 'express';
import { z } from 'zod';
import { AnswerId } from '../../shared/answers.js';
import type { SessionService } from '../auth/session-service.js';
import type { AnswerLibrary } from '../domain/answers/answer-library.js';
import { parseOrReject } from '../domain/errors.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

// The answer library (issue 13). Roles are checked here (route-access.ts) and again in the
// domain; answers are staff data, so there is no queue rule to apply.

const VersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export function answerRoutes(library: AnswerLibrary, sessions: SessionService): Router {
  const router = Router();
  const guard = guardFor(sessions);
  const idOf = (raw: unknown) => parseOrReject(AnswerId, raw, 'answer id');

  router.get('/answers', guard('GET /api/answers'), async (req, res) => {
    res.json(await library.list(agentOf(res), req.query));
  });
  router.post('/answers', guard('POST /api/answers'), async (req, res) => {
    res.status(201).json(await library.create(agentOf(res), req.body));
  });
  router.get('/answers/:id', guard('GET /api/answers/{id}'), async (req, res) => {
    const { version } = parseOrReject(VersionQuery, req.query, 'answer query');
    res.json(await library.get(agentOf(res), idOf(req.params.id), version));
  });
  router.put('/answers/:id', guard('PUT /api/answers/{id}'), async (req, res) => {
    res.json(await library.update(agentOf(res), idOf(req.params.id), req.body));
  });
  router.get('/answers/:id/versions', guard('GET /api/answers/{id}/versions'), async (req, res) => {
    res.json({ items: await library.versions(agentOf(res), idOf(req.params.id)) });
  });
  router.get('/reports/answers', guard('GET /api/reports/answers'), async (req, res) => {
    res.json(await library.report(agentOf(res), req.query));
  });
  return router;
}
