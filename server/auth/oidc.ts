import * as client from 'openid-client';
import type { AgentId } from '../../shared/index.js';
import type { Clock, DirectoryStore } from '../domain/ports.js';
import { loginIdentifier } from './login-identifier.js';
import { tokenHash } from './one-time-token.js';
import type { IssuedSession, SessionService } from './session-service.js';

// Optional single sign-on by OpenID Connect (the state's ProConnect, or the town's own identity
// provider): discovery, authorisation code with PKCE (S256), state and nonce, through
// openid-client. The provider vouches for the person; Guichet still decides who may enter: an
// account of that verified email must exist here and be active. The provider's own multi-factor
// sign-in stands in for Guichet's second factor.

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** PUBLIC_URL + /api/auth/sso/callback, registered at the provider. */
  redirectUri: string;
  /** The button's words, e.g. "ProConnect". */
  label: string;
}

/** Why a sign-in through the provider did not open a session; the console words each. */
export type SsoRefusal = 'expired' | 'provider' | 'unverified' | 'unknown-account';

export class SsoError extends Error {
  constructor(readonly reason: SsoRefusal, detail: string) {
    super(detail);
  }
}

const PENDING_TTL_MS = 10 * 60_000;

function loopback(url: string): boolean {
  return /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(url);
}

export class OidcSignIn {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(
    readonly settings: OidcSettings,
    private readonly deps: { store: DirectoryStore; sessions: SessionService; clock: Clock },
  ) {}

  /** Discovered once, on first use; a failed discovery is tried again on the next sign-in. */
  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
        // Plain http only for a provider on this machine (tests); a real one is https.
        ...(loopback(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.configuration = null;
        throw new SsoError('provider', `discovery failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    return this.configuration;
  }

  /** Where to send the browser; the state, nonce and PKCE verifier wait in the store (any instance). */
  async start(): Promise<URL> {
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.deps.store.saveAccountToken({
      tokenHash: tokenHash(`sso:${state}`),
      agentId: '' as AgentId,
      purpose: 'sso',
      expiresAt: new Date(this.deps.clock.now().getTime() + PENDING_TTL_MS).toISOString(),
      data: { verifier, nonce },
    });
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** The provider sent the browser back: check everything, then open a session for the account. */
  async finish(query: URLSearchParams): Promise<IssuedSession> {
    const state = query.get('state') ?? '';
    const hash = tokenHash(`sso:${state}`);
    const pending = state ? await this.deps.store.getAccountToken(hash) : null;
    if (!pending || pending.purpose !== 'sso' || !pending.data?.verifier || !(await this.deps.store.useOnce(`sso:${hash}`, pending.expiresAt))) {
      throw new SsoError('expired', 'no sign-in of this state is waiting (expired, used, or forged)');
    }
    await this.deps.store.deleteAccountToken(hash);
    const callback = new URL(this.settings.redirectUri);
    callback.search = query.toString();
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await this.config(), callback, {
        pkceCodeVerifier: pending.data.verifier,
        expectedState: state,
        expectedNonce: pending.data.nonce ?? '',
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      if (err instanceof SsoError) throw err;
      throw new SsoError('provider', err instanceof Error ? err.message : String(err));
    }
    const email = typeof claims?.email === 'string' ? claims.email : '';
    if (!email || claims?.email_verified !== true) throw new SsoError('unverified', 'the provider did not vouch for an email address');
    const stored = await this.deps.store.findAgentByEmail(loginIdentifier(email));
    if (!stored || stored.active === false) throw new SsoError('unknown-account', `no active account for ${email}`);
    return this.deps.sessions.open(stored);
  }
}
