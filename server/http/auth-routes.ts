import { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { SessionInfo } from '../../shared/index.js';
import { SESSION_COOKIE, tokenFrom } from '../auth/cookies.js';
import type { SessionService } from '../auth/session-service.js';
import { invalidPayload } from '../domain/errors.js';
import { sendError } from './errors.js';
import { requireStaff, type AuthedLocals } from './session-middleware.js';

const Login = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });

export interface AuthRouteOptions {
  loginLimit: number;
  loginWindowMs: number;
}

function cookieOptions(req: Request, expiresAt: string) {
  // SameSite=Strict keeps the cookie off cross-site requests (our CSRF defence together with
  // JSON-only bodies); Secure whenever the console is reached over HTTPS.
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/', expires: new Date(expiresAt) };
}

export function authRoutes(sessions: SessionService, options: AuthRouteOptions): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: options.loginWindowMs,
    limit: options.loginLimit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Per address and account, so one attacker cannot lock everybody out of a shared NAT.
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? 'unknown')}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
    handler: (_req, res) => sendError(res, { code: 'rate_limited', message: 'too many login attempts; wait a minute' }),
  });

  router.post('/login', limiter, async (req, res) => {
    const parsed = Login.safeParse(req.body);
    if (!parsed.success) throw invalidPayload('login', parsed.error.issues);
    const session = await sessions.login(parsed.data.email, parsed.data.password);
    if (!session) return sendError(res, { code: 'unauthenticated', message: 'wrong email or password' });
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, session.expiresAt));
    res.json(session satisfies SessionInfo);
  });

  router.post('/logout', async (req, res) => {
    await sessions.logout(tokenFrom(req.headers));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', requireStaff(sessions), (_req, res) => {
    const { agent, token, expiresAt } = res.locals as AuthedLocals;
    res.json({ agent, token, expiresAt } satisfies SessionInfo);
  });

  return router;
}
