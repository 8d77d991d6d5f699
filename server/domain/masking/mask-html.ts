// Email HTML is masked where people can read it — text nodes and attribute values (mailto:,
// tel:, title, alt) — and the markup is kept, so the replayed email looks like the one the agent
// had. The HTML was sanitised at ingest (no scripts, no styles), so a tokenizer is enough.

const TOKENS = /<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>|[^<]+|</g;
const ATTRIBUTE = /(\s[^\s"'>/=]+\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

export function maskHtml(html: string, maskText: (text: string) => string): string {
  return html.replace(TOKENS, (token) => {
    if (token.startsWith('<!--')) return '';
    if (token.startsWith('<') && token.length > 1) {
      return token.replace(ATTRIBUTE, (whole, head: string, dq?: string, sq?: string, bare?: string) => {
        const raw = dq ?? sq ?? bare ?? '';
        const decoded = decodeEntities(raw);
        const masked = maskText(decoded);
        return masked === decoded ? whole : `${head}"${escapeAttribute(masked)}"`;
      });
    }
    const decoded = decodeEntities(token);
    const masked = maskText(decoded);
    // Untouched text keeps its original spelling (entities and all).
    return masked === decoded ? token : escapeText(masked);
  });
}
