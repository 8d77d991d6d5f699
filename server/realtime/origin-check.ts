import type { IncomingHttpHeaders } from 'node:http';
import { servedHost } from '../http/proxy-headers.js';

/**
 * Cross-site WebSocket hijacking guard for the staff namespace. Browsers send the session cookie
 * with a WebSocket opened by any page, so a script on a town page of the same site could act as
 * the signed-in agent. A browser handshake must come from the console's own origin (the host it
 * called: X-Forwarded-Host only when a proxy is configured, else anyone could claim any host) or
 * one listed in CONSOLE_ORIGINS; non-browser clients send no Origin and rely on their bearer token.
 */
export function staffOriginAllowed(headers: IncomingHttpHeaders, allowed: readonly string[], trustProxy: boolean): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return originHost === servedHost(headers, trustProxy);
}
