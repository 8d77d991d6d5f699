import type { WebchatAuth } from '../../shared/webchat-events.js';

export type WidgetLang = 'fr' | 'en';

/** What the embedding `<script>` tag says (see README, "Web chat widget"). */
export interface EmbedConfig {
  /** Origin of the Guichet server: `data-guichet-url`, else where the script was loaded from. */
  serverOrigin: string;
  site: string;
  lang: WidgetLang;
  account: WebchatAuth['account'] | null;
}

function pickLang(explicit: string | null | undefined, page: string | null | undefined): WidgetLang {
  const tag = (explicit || page || 'fr').toLowerCase();
  return tag.startsWith('en') ? 'en' : 'fr';
}

/** Verified mode needs all three attributes; a partial set is a portal bug, ignored (anonymous). */
function signedAccount(data: DOMStringMap): EmbedConfig['account'] {
  const { accountId, accountExpires, accountSignature, accountEidas } = data;
  if (!accountId || !accountExpires || !accountSignature) return null;
  const expires = Number(accountExpires);
  if (!Number.isSafeInteger(expires)) return null;
  // `data-account-eidas`: the FranceConnect level the portal signed with the rest (optional).
  return { id: accountId, expires, signature: accountSignature.toLowerCase(), ...(accountEidas ? { eidas: accountEidas } : {}) };
}

export function readEmbedConfig(script: HTMLScriptElement | null, doc: Document): EmbedConfig {
  const data = script?.dataset ?? {};
  const base = data.guichetUrl || script?.src || doc.baseURI;
  return {
    serverOrigin: new URL(base, doc.baseURI).origin,
    site: data.site || 'default',
    lang: pickLang(data.lang, doc.documentElement.lang),
    account: signedAccount(data),
  };
}
