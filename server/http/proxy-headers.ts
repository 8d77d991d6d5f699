import type { IncomingHttpHeaders } from 'node:http';

// What a request's forwarded headers may tell, and only when a proxy is configured (TRUST_PROXY):
// without one, anybody can send X-Forwarded-Host or X-Forwarded-For, so they are ignored. One
// reading for every check that depends on them (staff socket origin, web-chat origins and limits).

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The host the browser addressed: the proxy's forwarded host when we sit behind one, else Host. */
export function servedHost(headers: IncomingHttpHeaders, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? first(headers['x-forwarded-host'])?.split(',')[0]?.trim() : undefined;
  return (forwarded || first(headers.host))?.toLowerCase();
}

/** The client's address: the last proxy hop's view when proxied, else the socket's peer. */
export function clientAddress(headers: IncomingHttpHeaders, remote: string, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = first(headers['x-forwarded-for'])?.split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops?.at(-1);
    if (last) return last;
  }
  return remote;
}
