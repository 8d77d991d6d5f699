/**
 * Cross-site WebSocket hijacking guard for the staff namespace. Browsers send the session cookie
 * with a WebSocket opened by any page, so a script on a town page of the same site could act as
 * the signed-in agent. A browser handshake must come from the console's own origin (the Host it
 * called) or one listed in CONSOLE_ORIGINS; non-browser clients send no Origin and rely on their
 * bearer token alone.
 */
export function staffOriginAllowed(
  headers: { origin?: string | undefined; host?: string | undefined; 'x-forwarded-host'?: string | string[] | undefined },
  allowed: readonly string[],
): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers['x-forwarded-host'];
  const hosts = [headers.host, ...(Array.isArray(forwarded) ? forwarded : forwarded ? forwarded.split(',') : [])].map((h) => h?.trim());
  return hosts.includes(originHost);
}
