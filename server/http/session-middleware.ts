import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type Agent, type Permission } from '../../shared/index.js';
import { tokenFrom } from '../auth/cookies.js';
import type { SessionService } from '../auth/session-service.js';
import { sendError } from './errors.js';

export interface AuthedLocals {
  agent: Agent;
  token: string;
  expiresAt: string;
}

export function agentOf(res: Response): Agent {
  return (res.locals as AuthedLocals).agent;
}

/**
 * Authenticates the request and checks the role against the one permission table: one of the
 * permissions given is enough; none given, any member of staff.
 */
export function requireStaff(sessions: SessionService, permission?: Permission | readonly Permission[]): RequestHandler {
  const anyOf: readonly Permission[] = permission === undefined ? [] : typeof permission === 'string' ? [permission] : permission;
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenFrom(req.headers);
    const session = await sessions.authenticate(token);
    if (!session || !token) return sendError(res, { code: 'unauthenticated', message: 'log in first' });
    if (anyOf.length > 0 && !anyOf.some((p) => can(session.agent.role, p))) {
      return sendError(res, { code: 'forbidden', message: `your role (${session.agent.role}) may not do this` });
    }
    Object.assign(res.locals, { agent: session.agent, token, expiresAt: session.expiresAt } satisfies AuthedLocals);
    next();
  };
}
