import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { SecondFactorLogin, type SecondFactorChallenge, type SessionInfo } from '../../shared/index.js';
import { SESSION_COOKIE, tokenFrom } from '../auth/cookies.js';
import { loginIdentifier } from '../auth/login-identifier.js';
import { SsoError, type OidcSignIn } from '../auth/oidc.js';
import type { LoginOutcome, SessionService } from '../auth/session-service.js';
import { invalidPayload } from '../domain/errors.js';
import { sendError } from './errors.js';
import { guardFor } from './route-access.js';
import type { AuthedLocals } from './session-middleware.js';

const Login = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });

export interface AuthRouteOptions {
  loginLimit: number;
  loginWindowMs: number;
  /** Single sign-on through an OpenID Connect provider, when configured. */
  sso?: OidcSignIn | undefined;
  log: (msg: string, err?: unknown) => void;
}

function cookieOptions(req: Request, expiresAt: string) {
  // SameSite=Strict keeps the cookie off cross-site requests (our CSRF defence together with
  // JSON-only bodies); Secure whenever the console is reached over HTTPS.
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/', expires: new Date(expiresAt) };
}

export function authRoutes(sessions: SessionService, options: AuthRouteOptions): Router {
  const router = Router();
  // Failed attempts only count (a floor signing in at 8:30 behind one NAT is never limited), each
  // against three keys: the address and account together (the usual case), the account from any
  // address (guessing spread over many addresses), and the address over any account (spraying one
  // password over many accounts). The account is keyed in the spelling the lookup uses.
  const limiter = (key: (req: Request) => string, limit: number) =>
    rateLimit({
      windowMs: options.loginWindowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skipSuccessfulRequests: true,
      keyGenerator: key,
      handler: (_req, res) => sendError(res, { code: 'rate_limited', message: 'too many login attempts; wait a minute' }),
    });
  const account = (req: Request) => loginIdentifier(String((req.body as { email?: unknown } | undefined)?.email ?? ''));
  const address = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  const limits = [
    limiter((req) => `pair|${address(req)}|${account(req)}`, options.loginLimit),
    limiter((req) => `account|${account(req)}`, options.loginLimit * 3),
    limiter((req) => `address|${address(req)}`, options.loginLimit * 10),
  ];

  /** A session opened: the cookie, and the token for clients without one. */
  const opened = (req: Request, res: Response, outcome: Extract<LoginOutcome, { kind: 'session' }>) => {
    const { session } = outcome;
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, session.expiresAt));
    res.json({ ...session, ...(outcome.recoveryCodes ? { recoveryCodes: outcome.recoveryCodes } : {}) } satisfies SessionInfo);
  };

  router.post('/login', ...limits, async (req, res) => {
    const parsed = Login.safeParse(req.body);
    if (!parsed.success) throw invalidPayload('login', parsed.error.issues);
    const outcome = await sessions.login(parsed.data.email, parsed.data.password);
    if (outcome.kind === 'refused') return sendError(res, { code: 'unauthenticated', message: 'wrong email or password' });
    // The password was right: 200 with what is still needed (and counted as a success by the limits).
    if (outcome.kind === 'second-factor') return res.json(outcome.challenge satisfies SecondFactorChallenge);
    opened(req, res, outcome);
  });

  // The second factor counts against the same limits as the password, keyed on the same account.
  router.post('/login/second-factor', ...limits, async (req, res) => {
    const parsed = SecondFactorLogin.safeParse(req.body);
    if (!parsed.success) throw invalidPayload('second factor', parsed.error.issues);
    const outcome = await sessions.completeSecondFactor(parsed.data.email, parsed.data.challenge, parsed.data.code);
    if (outcome.kind !== 'session') return sendError(res, { code: 'unauthenticated', message: 'wrong or expired code' });
    opened(req, res, outcome);
  });

  // Single sign-on. The console asks whether it is on (and its label) to show the button.
  const sso = options.sso;
  router.get('/sso', (_req, res) => {
    res.json(sso ? { enabled: true, label: sso.settings.label } : { enabled: false });
  });
  router.get('/sso/start', async (_req, res) => {
    if (!sso) return sendError(res, { code: 'not_found', message: 'single sign-on is not configured' });
    try {
      res.redirect(302, (await sso.start()).toString());
    } catch (err) {
      options.log('single sign-on could not start', err);
      res.redirect(302, `/login?sso=${err instanceof SsoError ? err.reason : 'provider'}`);
    }
  });
  router.get('/sso/callback', async (req, res) => {
    if (!sso) return sendError(res, { code: 'not_found', message: 'single sign-on is not configured' });
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    try {
      const session = await sso.finish(query);
      // Strict still works after this cross-site redirect chain: the page shell loads without the
      // cookie, and the console's own API calls, same-site, carry it.
      res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, session.expiresAt));
      res.redirect(302, '/');
    } catch (err) {
      // The reason goes to the console; the details (the provider's words) to the log.
      options.log(`single sign-on refused: ${err instanceof Error ? err.message : String(err)}`);
      res.redirect(302, `/login?sso=${err instanceof SsoError ? err.reason : 'provider'}`);
    }
  });

  router.post('/logout', async (req, res) => {
    await sessions.logout(tokenFrom(req.headers));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', guardFor(sessions)('GET /api/auth/me'), (_req, res) => {
    const { agent, token, expiresAt } = res.locals as AuthedLocals;
    res.json({ agent, token, expiresAt } satisfies SessionInfo);
  });

  return router;
}
