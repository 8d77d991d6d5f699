// Email answers carry the whole thread below the new text. The timeline shows what is new and
// folds the history behind a button; these functions decide where the history starts. They err
// on the side of showing: when unsure (interleaved answers, a forward, nothing new above the
// quote) nothing is folded.

/** "Le mar. 14 oct. 2025 à 10:12, Mairie <contact@…> a écrit :" / "On Tue, … wrote:" */
const ATTRIBUTION = /^\s*(le|on)\s[\s\S]{0,300}?(a\s+écrit|wrote)\s*:/i;
/** Outlook, Thunderbird, Zimbra and La Poste webmail separators. */
const SEPARATOR = /^\s*(-{2,}\s*(original message|message d'origine|message original|mail original)\s*-{2,}|_{20,})\s*$/im;
/** Outlook's header block: "De : … Envoyé : … À : … Objet : …". */
const HEADER_BLOCK = /^\s*\*?(de|from)\s*:[\s\S]{0,500}?(envoyé|sent|date)\s*:[\s\S]{0,500}?(objet|subject)\s*:/i;
const QUOTED_LINE = /^\s*>/;

export interface SplitText {
  fresh: string;
  /** Empty when nothing is folded. */
  quoted: string;
}

function startsHistory(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (/^\s*(le|on)\s/i.test(line)) {
    // Mail clients wrap a long attribution over two or three lines.
    for (let span = 1; span <= 3; span++) {
      const joined = lines.slice(i, i + span).join(' ');
      if (/(a\s+écrit|wrote)\s*:\s*$/i.test(joined) && ATTRIBUTION.test(joined)) return true;
    }
  }
  if (SEPARATOR.test(line)) return true;
  if (/^\s*\*?(de|from)\s*:/i.test(line) && HEADER_BLOCK.test(lines.slice(i, i + 6).join('\n'))) return true;
  // A bottom quote: from here on, only quoted or blank lines. Interleaved answers stay visible.
  return QUOTED_LINE.test(line) && lines.slice(i).every((l) => QUOTED_LINE.test(l) || l.trim() === '');
}

export function splitQuotedText(text: string): SplitText {
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    if (!startsHistory(lines, i)) continue;
    // Nothing new above the history (a bare forward of a quote): show it all.
    if (!lines.slice(0, i).some((l) => l.trim() !== '' && !QUOTED_LINE.test(l))) break;
    const fresh = lines.slice(0, i).join('\n').trimEnd();
    return { fresh, quoted: lines.slice(i).join('\n') };
  }
  return { fresh: text, quoted: '' };
}

/** The little of the DOM the HTML rule needs, so it can be tested without a browser. */
export interface QuoteNode {
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<QuoteNode>;
}

const isBlank = (n: QuoteNode) => (n.nodeName === '#text' || n.nodeName === '#comment') && !(n.textContent ?? '').trim();
const isVoid = (n: QuoteNode) => n.nodeName === 'BR' || n.nodeName === 'HR' || n.nodeName === 'IMG';

function startsHistoryNode(siblings: readonly QuoteNode[], i: number): boolean {
  const node = siblings[i]!;
  if (node.nodeName === 'BLOCKQUOTE') return true;
  const text = (node.textContent ?? '').trim();
  if (node.nodeName === 'HR') {
    const next = siblings.slice(i + 1).find((n) => !isBlank(n) && !isVoid(n));
    return next !== undefined && HEADER_BLOCK.test((next.textContent ?? '').trim());
  }
  return ATTRIBUTION.test(text) || SEPARATOR.test(text.split('\n')[0] ?? '') || HEADER_BLOCK.test(text);
}

/**
 * Where the quoted history starts in sanitised email HTML: the path of child indexes from the
 * root to the first node of the history, or null. Single wrappers (Outlook's section div, a
 * webmail's outer div) are looked through; the cut is always between siblings, so the new text
 * keeps its markup.
 */
export function findQuoteCut(root: QuoteNode): number[] | null {
  const path: number[] = [];
  let container = root;
  for (;;) {
    const children = Array.from(container.childNodes);
    const significant = children.filter((n) => !isBlank(n));
    const only = significant[0];
    if (significant.length === 1 && only && only.nodeName !== '#text' && only.nodeName !== 'BLOCKQUOTE' && !startsHistoryNode(children, children.indexOf(only))) {
      path.push(children.indexOf(only));
      container = only;
      continue;
    }
    for (let i = 0; i < children.length; i++) {
      if (isBlank(children[i]!) || !startsHistoryNode(children, i)) continue;
      const before = children.slice(0, i).some((n) => !isBlank(n) && !isVoid(n) && (n.textContent ?? '').trim() !== '');
      return before ? [...path, i] : null;
    }
    return null;
  }
}

/** Splits already-sanitised HTML at the start of the quoted history; the parts stay sanitised. */
export function splitQuotedHtml(clean: string): SplitText {
  const template = document.createElement('template');
  template.innerHTML = clean;
  const path = findQuoteCut(template.content);
  if (!path) return { fresh: clean, quoted: '' };
  let start: Node = template.content;
  for (const index of path) start = start.childNodes[index]!;
  const range = template.content.ownerDocument.createRange();
  range.setStartBefore(start);
  range.setEndAfter(template.content.lastChild!);
  // Extracting splits any wrapper the cut runs through: each half keeps well-formed markup.
  const quoted = document.createElement('div');
  quoted.append(range.extractContents());
  const fresh = document.createElement('div');
  fresh.append(template.content);
  return { fresh: fresh.innerHTML, quoted: quoted.innerHTML };
}
