import DOMPurify from 'dompurify';

// Email HTML was sanitised at ingest; the console sanitises again (defence in depth) and blocks
// remote content: a remote image is a tracking pixel that would tell the sender when and where the
// agent read the message.

/** True for URLs that would make the browser fetch from another server. */
export function isRemoteUrl(url: string): boolean {
  return /^\s*(https?:)?\/\//i.test(url);
}

let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (isRemoteUrl(src) || src.toLowerCase().startsWith('cid:')) {
        el.removeAttribute('src');
        el.setAttribute('data-blocked', 'remote');
        const alt = el.getAttribute('alt');
        el.setAttribute('alt', alt ? `[${alt}]` : '[image]');
      }
      el.removeAttribute('srcset');
    }
    if (el.tagName === 'A') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    // Backgrounds and other attributes that can load URLs.
    el.removeAttribute('background');
    el.removeAttribute('poster');
  });
  purifier = p;
  return p;
}

export function sanitizeEmailHtml(html: string): string {
  return getPurifier().sanitize(html, {
    // Inline styles and style sheets can fetch (url(...)) and can overlay the console.
    FORBID_TAGS: ['style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'picture', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'background', 'poster', 'action', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
}
