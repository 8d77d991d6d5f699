import { Router } from 'express';
import { z } from 'zod';
import { AnnotationId, CourseId, ReplayKind, type ReplayRef } from '../../shared/index.js';
import type { SessionService } from '../auth/session-service.js';
import { invalidPayload } from '../domain/errors.js';
import type { CourseService } from '../domain/replay/course-service.js';
import type { ReplayService } from '../domain/replay/replay-service.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

// The trainer's replay and courses. Every route authenticates and checks the role here (from
// route-access.ts); domain/replay decides the rest (a trainee's access depends on their courses).

function parse<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw invalidPayload(what, result.error.issues);
  return result.data;
}

const RefParams = z.object({ kind: ReplayKind, id: z.string().min(1).max(64) });

function refOf(params: unknown): ReplayRef {
  return parse(RefParams, params, 'replay');
}

export interface ReplayRouteDeps {
  sessions: SessionService;
  replays: ReplayService;
  courses: CourseService;
}

export function replayRoutes({ sessions, replays, courses }: ReplayRouteDeps): Router {
  const router = Router();
  const guard = guardFor(sessions);

  router.get('/replays/conversations', guard('GET /api/replays/conversations'), async (req, res) => {
    res.json(await replays.list(agentOf(res), req.query));
  });
  router.get('/replays/:kind/:id', guard('GET /api/replays/{kind}/{id}'), async (req, res) => {
    // The masked replay is computed per request; it must not linger in a shared cache.
    res.setHeader('Cache-Control', 'no-store');
    res.json(await replays.open(agentOf(res), refOf(req.params)));
  });
  router.post('/replays/:kind/:id/unmask', guard('POST /api/replays/{kind}/{id}/unmask'), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await replays.unmask(agentOf(res), refOf(req.params), req.body));
  });
  router.post('/replays/:kind/:id/annotations', guard('POST /api/replays/{kind}/{id}/annotations'), async (req, res) => {
    res.status(201).json(await replays.addAnnotation(agentOf(res), refOf(req.params), req.body));
  });
  router.patch('/annotations/:id', guard('PATCH /api/annotations/{id}'), async (req, res) => {
    res.json(await replays.updateAnnotation(agentOf(res), parse(AnnotationId, req.params.id, 'annotation id'), req.body));
  });
  router.delete('/annotations/:id', guard('DELETE /api/annotations/{id}'), async (req, res) => {
    await replays.deleteAnnotation(agentOf(res), parse(AnnotationId, req.params.id, 'annotation id'));
    res.status(204).end();
  });

  router.get('/courses', guard('GET /api/courses'), async (_req, res) => {
    res.json({ items: await courses.list(agentOf(res)) });
  });
  router.post('/courses', guard('POST /api/courses'), async (req, res) => {
    res.status(201).json(await courses.create(agentOf(res), req.body));
  });
  router.get('/courses/:id', guard('GET /api/courses/{id}'), async (req, res) => {
    res.json(await courses.get(agentOf(res), parse(CourseId, req.params.id, 'course id')));
  });
  router.put('/courses/:id', guard('PUT /api/courses/{id}'), async (req, res) => {
    res.json(await courses.update(agentOf(res), parse(CourseId, req.params.id, 'course id'), req.body));
  });
  router.delete('/courses/:id', guard('DELETE /api/courses/{id}'), async (req, res) => {
    await courses.remove(agentOf(res), parse(CourseId, req.params.id, 'course id'));
    res.status(204).end();
  });

  return router;
}
