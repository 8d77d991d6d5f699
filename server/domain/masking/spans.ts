// A detector reports spans of a text to replace. Replacement is lazy (`replace` runs only for the
// spans kept after overlaps are settled, in reading order) so pseudonym letters are handed out
// in the order a reader meets them, and a discarded span never consumes one.

export interface Span {
  start: number;
  end: number;
  replace(): string;
}

export function overlaps(a: Pick<Span, 'start' | 'end'>, b: Pick<Span, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Adds each span that does not overlap one already taken; earlier calls win. */
export class SpanSet {
  readonly spans: Span[] = [];

  overlapsAny(span: Pick<Span, 'start' | 'end'>): boolean {
    return this.spans.some((s) => overlaps(s, span));
  }

  add(span: Span): boolean {
    if (span.end <= span.start || this.overlapsAny(span)) return false;
    this.spans.push(span);
    return true;
  }

  /** The text with every span replaced, evaluated from the first span to the last. */
  apply(text: string): string {
    const ordered = [...this.spans].sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const span of ordered) {
      out += text.slice(at, span.start) + span.replace();
      at = span.end;
    }
    return out + text.slice(at);
  }
}

/** Every match of a global regexp, as [start, end, match]. */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    yield m;
  }
}
