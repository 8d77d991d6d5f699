import { Router } from 'express';
import { CitizenId } from '../../shared/index.js';
import type { SessionService } from '../auth/session-service.js';
import type { CitizenProfileService, ProfileChange } from '../domain/citizens/profile-service.js';
import { parseOrReject } from '../domain/errors.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

// The citizen's profile, edited by hand (server/domain/citizens/profile-service.ts decides: the
// access rule, validation, the role rule for removals). Each answers with the citizen as the
// change leaves them; the journal event reaches the other consoles as a push.

export function citizenRoutes(profiles: CitizenProfileService, sessions: SessionService): Router {
  const router = Router();
  const guard = guardFor(sessions);
  const idOf = (raw: unknown) => parseOrReject(CitizenId, raw, 'citizen id');
  const answer = (change: ProfileChange) => ({ citizen: change.citizen, events: change.events.map((e) => e.seq) });

  router.get('/citizens/:id/profile-history', guard('GET /api/citizens/{id}/profile-history'), async (req, res) => {
    res.json({ items: await profiles.history(agentOf(res), idOf(req.params.id)) });
  });
  router.put('/citizens/:id/name', guard('PUT /api/citizens/{id}/name'), async (req, res) => {
    res.json(answer(await profiles.rename(agentOf(res), idOf(req.params.id), req.body)));
  });
  router.patch('/citizens/:id/profile', guard('PATCH /api/citizens/{id}/profile'), async (req, res) => {
    res.json(answer(await profiles.updateProfile(agentOf(res), idOf(req.params.id), req.body)));
  });
  router.post('/citizens/:id/notes', guard('POST /api/citizens/{id}/notes'), async (req, res) => {
    res.status(201).json(answer(await profiles.addNote(agentOf(res), idOf(req.params.id), req.body)));
  });
  router.post('/citizens/:id/identities', guard('POST /api/citizens/{id}/identities'), async (req, res) => {
    res.status(201).json(answer(await profiles.addIdentity(agentOf(res), idOf(req.params.id), req.body)));
  });
  router.post('/citizens/:id/identities/confirm', guard('POST /api/citizens/{id}/identities/confirm'), async (req, res) => {
    res.json(answer(await profiles.confirmIdentity(agentOf(res), idOf(req.params.id), req.body)));
  });
  // A body names the identity (kind and value): values hold characters a path would mangle (+, @).
  router.post('/citizens/:id/identities/remove', guard('POST /api/citizens/{id}/identities/remove'), async (req, res) => {
    res.json(answer(await profiles.removeIdentity(agentOf(res), idOf(req.params.id), req.body)));
  });
  return router;
}
