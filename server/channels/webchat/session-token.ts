import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const RANDOM_BYTES = 18;
const MAC_BYTES = 16;
const TOKEN = /^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{22}$/;

/**
 * Web-chat session tokens. The widget keeps the token; the server keeps only a hash of it, as
 * the citizen's `webchat` identity (so the journal, not a side table, is what restores a session,
 * on any instance and after a restart). The token carries a MAC under a server secret so that a
 * client cannot mint sessions by inventing tokens, which would bypass the per-address cap.
 */
export class SessionTokens {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('the web-chat session secret must be at least 16 characters');
  }

  issue(): string {
    const random = randomBytes(RANDOM_BYTES).toString('base64url');
    return `${random}.${this.mac(random).toString('base64url')}`;
  }

  /** True only for a token this server (or one sharing its secret) issued. */
  isGenuine(token: unknown): token is string {
    if (typeof token !== 'string' || !TOKEN.test(token)) return false;
    const [random, mac] = token.split('.') as [string, string];
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(random);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(random: string): Buffer {
    return createHmac('sha256', this.secret).update(`guichet-webchat-session:${random}`).digest().subarray(0, MAC_BYTES);
  }
}

/**
 * The session id stored as the `webchat` identity. A verified visit hashes the account in, so the
 * same browser yields one session when anonymous and another per signed-in account: what an
 * anonymous visitor wrote never lands in an account holder's file, nor the other way round.
 */
export function sessionIdOf(token: string, account: string | null): string {
  const digest = createHash('sha256').update(`${token}\n${account ?? ''}`).digest('base64url');
  return `wcs_${digest}`;
}
