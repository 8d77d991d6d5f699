import { createHmac } from 'node:crypto';
import { safeEqual } from '../webhook-kit.js';

/**
 * Twilio's request signature (X-Twilio-Signature): HMAC-SHA1, keyed with the account's auth
 * token, over the full URL Twilio called followed by every POST parameter as name + value,
 * sorted by name (repeated names by value), base64-encoded.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1));
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const [name, value] of pairs) hmac.update(name + value, 'utf8');
  return hmac.digest('base64');
}

/**
 * The URL spellings Twilio may have signed: like its own helpers, accept the URL with and
 * without the scheme's default port, since proxies and configurations differ on writing it.
 */
export function signedUrlVariants(url: string): string[] {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
  const withoutPort = new URL(url);
  withoutPort.port = '';
  const variants = [url, withoutPort.toString()];
  if (defaultPort && parsed.port === '') {
    // URL drops a default port when set through the property: splice it in by hand.
    variants.push(url.replace(`${parsed.protocol}//${parsed.host}`, `${parsed.protocol}//${parsed.hostname}:${defaultPort}`));
  }
  return [...new Set(variants)];
}

export function verifyTwilioSignature(authToken: string, signature: string, url: string, params: URLSearchParams): boolean {
  // Every variant is compared, so the time taken does not depend on which one matched.
  let valid = false;
  for (const candidate of signedUrlVariants(url)) {
    if (safeEqual(signature, twilioSignature(authToken, candidate, params))) valid = true;
  }
  return valid;
}
