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

/** Authenticates the request and checks the role against the one permission table. */
export function requireStaff(sessions: SessionService, permission?: Permission): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenFrom(req.headers);
    const session = await sessions.authenticate(token);
    if (!session || !token) return sendError(res, { code: 'unauthenticated', message: 'log in first' });
    if (permission && !can(session.agent.role, permission)) {
      return sendError(res, { code: 'forbidden', message: `your role (${session.agent.role}) may not do this` });
    }
    Object.assign(res.locals, { agent: session.agent, token, expiresAt: session.expiresAt } satisfies AuthedLocals);
    next();
  };
}
