// Bounds on a raw message's MIME structure, checked in one linear pass over its lines before the
// parser sees it: the parser's own work (unfolding, decoding, a tree of nodes) grows with header
// blocks, header counts, nesting and parts, and a message over these bounds would be refused on
// every retry, so it is refused for good (5xx) rather than as a temporary failure.

export interface MimeLimits {
  /** Bytes of one header block (the message's or one part's). Postfix's header_size_limit is 100 KB. */
  headerBytes: number;
  /** Header fields in one header block. */
  headerFields: number;
  /** Containers (multipart, message/rfc822) above the deepest part. Postfix's mime_nesting_limit is 100. */
  depth: number;
  /** MIME parts in the whole message, the message itself included. */
  parts: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = { headerBytes: 256 * 1024, headerFields: 1000, depth: 32, parts: 500 };

export type MimeViolation =
  | { kind: 'header-bytes'; limit: number }
  | { kind: 'header-fields'; limit: number }
  | { kind: 'depth'; limit: number }
  | { kind: 'parts'; limit: number };

interface Node {
  depth: number;
  headerBytes: number;
  headerFields: number;
  /** The Content-Type field, unfolded, while it is being read. */
  contentType: string;
  inContentType: boolean;
}

const newNode = (depth: number): Node => ({ depth, headerBytes: 0, headerFields: 0, contentType: '', inContentType: false });

function boundaryOf(contentType: string): string | null {
  const match = /boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;"]{1,200}))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The first bound the message breaks, or null. Reads each byte once; never builds a tree. */
export function checkMimeBounds(raw: Buffer, limits: MimeLimits = DEFAULT_MIME_LIMITS): MimeViolation | null {
  // latin1 maps bytes to characters one to one: offsets and lengths stay byte counts.
  const text = raw.toString('latin1');
  const open: { boundary: string; depth: number }[] = [];
  let node: Node | null = newNode(0);
  let parts = 1;

  const startPart = (depth: number): MimeViolation | null => {
    parts += 1;
    if (parts > limits.parts) return { kind: 'parts', limit: limits.parts };
    if (depth > limits.depth) return { kind: 'depth', limit: limits.depth };
    node = newNode(depth);
    return null;
  };

  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;

    if (node) {
      if (line === '') {
        // End of a header block: what the node is decides what its body holds.
        const current: Node = node;
        node = null;
        const type = /^\s*([^\s;/]+\/[^\s;]+)/.exec(current.contentType)?.[1]?.toLowerCase() ?? '';
        if (type.startsWith('multipart/')) {
          const boundary = boundaryOf(current.contentType);
          if (boundary) open.push({ boundary, depth: current.depth });
        } else if (type === 'message/rfc822' || type === 'message/global') {
          const violation = startPart(current.depth + 1);
          if (violation) return violation;
        }
        continue;
      }
      node.headerBytes += line.length + 2;
      if (node.headerBytes > limits.headerBytes) return { kind: 'header-bytes', limit: limits.headerBytes };
      const folded = line.startsWith(' ') || line.startsWith('\t');
      if (!folded) {
        node.headerFields += 1;
        if (node.headerFields > limits.headerFields) return { kind: 'header-fields', limit: limits.headerFields };
        node.inContentType = /^content-type\s*:/i.test(line);
        if (node.inContentType) node.contentType = line.slice(line.indexOf(':') + 1);
      } else if (node.inContentType) {
        node.contentType += line;
      }
      continue;
    }

    if (open.length === 0 || !line.startsWith('--')) continue;
    const delimiter = line.trimEnd();
    for (let i = open.length - 1; i >= 0; i--) {
      const { boundary, depth } = open[i]!;
      if (delimiter === `--${boundary}`) {
        open.length = i + 1;
        const violation = startPart(depth + 1);
        if (violation) return violation;
        break;
      }
      if (delimiter === `--${boundary}--`) {
        open.length = i;
        break;
      }
    }
  }
  return null;
}

/** The reason given to the sender, in the words of its own limit. */
export function describeViolation(v: MimeViolation): string {
  switch (v.kind) {
    case 'header-bytes':
      return `a header block is larger than ${Math.round(v.limit / 1024)} KB`;
    case 'header-fields':
      return `a header block has more than ${v.limit} fields`;
    case 'depth':
      return `MIME parts are nested more than ${v.limit} deep`;
    case 'parts':
      return `the message has more than ${v.limit} MIME parts`;
  }
}
