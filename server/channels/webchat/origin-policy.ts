import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { servedHost } from '../../http/kit.js';
import type { WebchatSite } from './webchat-config.js';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}


/**
 * Whether a handshake comes from a page the site allows. Browsers always send `Origin` on a
 * WebSocket and on cross-origin requests; a same-origin polling GET carries none, but then says
 * `Sec-Fetch-Site: same-origin`. A request with neither is not from a browser page and is
 * refused. (A non-browser client can forge both: this check stops other websites from embedding
 * the chat, not scripts — the rate limits are there for those.)
 */
export function originAllowed(site: WebchatSite, headers: IncomingHttpHeaders, trustProxy: boolean): boolean {
  const origin = first(headers.origin);
  if (!origin) return first(headers['sec-fetch-site']) === 'same-origin';
  if (origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host.toLowerCase() === servedHost(headers, trustProxy)) return true;
  return site.origins.includes(parsed.origin);
}

/**
 * CORS for the Socket.IO polling transport, which a town's page uses cross-origin when
 * WebSockets are blocked. No credentials are allowed: the widget's session travels in the
 * handshake, never in a cookie, so staff cookies stay out of reach of the towns' pages.
 */
export function widgetCors(sites: readonly WebchatSite[]) {
  const allowed = new Set(sites.flatMap((s) => s.origins));
  return (req: IncomingMessage, res: ServerResponse, next: (err?: Error) => void): void => {
    const origin = first(req.headers.origin);
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'content-type');
        res.setHeader('Access-Control-Max-Age', '600');
        res.writeHead(204);
        res.end();
        return;
      }
    }
    next();
  };
}
