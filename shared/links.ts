// The one rule for a link a channel hands us (a call's recording or transcript): the console puts
// it in an href, so anything but https would let a sender run script (`javascript:`) or a page of
// their own (`data:text/html`) in the agent's browser. Plain http is allowed only to this machine,
// where the tests' local servers run. The server refuses other links; the console shows only
// links that pass the same check (data written before this rule included). Its schema, SafeLink,
// is in model.ts: the console checks links in the inbox, which must not load zod for it.

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const SAFE_LINK_RULE = 'a link must be an https URL (plain http only to this machine)';

export function isSafeLink(value: string): boolean {
  if (value.length > 2000) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // user:password@ in a link shown to agents is a phishing device, never a recording address.
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && LOOPBACK.test(url.hostname);
}
