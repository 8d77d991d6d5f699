import { createHash, randomBytes } from 'node:crypto';

// Secrets handed to a person (session tokens, one-time links, sign-in challenges) are stored only
// as their hash: a leaked database hands out nothing that works.

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
