import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';

/**
 * Static files with the brotli and gzip variants the build wrote next to them
 * (tools/vite-precompress.ts), chosen by the request's Accept-Encoding. Nothing is compressed per
 * request: a file without variants, or a client that accepts neither, gets the file as it is.
 * Conditional requests, ranges and HEAD are `send`'s (through res.sendFile), on the chosen file:
 * each variant has its own ETag and length, as HTTP wants of distinct representations.
 */

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Best first: brotli is the smaller when a client takes both. */
const VARIANTS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

type Variant = (typeof VARIANTS)[number];

/** Each coding's weight in an Accept-Encoding header (RFC 9110 §12.5.3); `*` stands for the unnamed. */
function weights(header: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    // x-gzip is gzip's old name, still to be read as gzip.
    result.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  return result;
}

/**
 * The coding to answer with, among those the build wrote. No header means no compression: a
 * client that says nothing may not decode anything. A tie goes to the earlier of `available`.
 */
export function pickCoding(header: string | undefined, available: readonly Exclude<ContentCoding, 'identity'>[]): ContentCoding {
  if (!header) return 'identity';
  const accepted = weights(header);
  let best: ContentCoding = 'identity';
  let bestWeight = 0;
  for (const coding of available) {
    const weight = accepted.get(coding) ?? accepted.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** The request's path as a file below the root, or null for anything that must not be served. */
function fileUnderRoot(requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  // Dot segments would climb out of the root; dotfiles are not part of a build.
  if (segments.length === 0 || segments.some((s) => s.startsWith('.'))) return null;
  // The variants are how a file is sent, not files of their own.
  if (VARIANTS.some((v) => decoded.endsWith(v.suffix))) return null;
  return segments.join('/');
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export interface PrecompressedStaticOptions {
  /** The Cache-Control of a file, from its path below the root (`assets/index-CAgCvmTV.js`). */
  cacheControl(relativePath: string): string;
  /** Headers added to every file served (the widget's cross-origin resource policy). */
  headers?: Readonly<Record<string, string>>;
}

export function precompressedStatic(root: string, options: PrecompressedStaticOptions): RequestHandler {
  const base = path.resolve(root);
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const relative = fileUnderRoot(req.path);
    if (!relative || !(await isFile(path.join(base, relative)))) return next();

    // Looked up on each request: a rebuild under a running server must not serve stale variants.
    const present: Variant[] = [];
    for (const variant of VARIANTS) if (await isFile(path.join(base, relative + variant.suffix))) present.push(variant);
    const coding = pickCoding(
      req.get('accept-encoding'),
      present.map((v) => v.coding),
    );
    const chosen = present.find((v) => v.coding === coding);

    // Caches must key on Accept-Encoding wherever the answer depends on it.
    if (present.length > 0) res.vary('Accept-Encoding');
    // The type is the file's, whichever bytes carry it (`send` would name a .br file's type).
    res.type(path.extname(relative));
    res.setHeader('Cache-Control', options.cacheControl(relative));
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    if (chosen) res.setHeader('Content-Encoding', chosen.coding);

    res.sendFile(relative + (chosen?.suffix ?? ''), { root: base, cacheControl: false }, (err?: Error) => {
      if (!err || res.headersSent) return;
      // Gone between the stat and the send (a rebuild): not this file's headers on an error.
      res.removeHeader('Content-Encoding');
      res.removeHeader('Cache-Control');
      next((err as Error & { status?: number }).status === 404 ? undefined : err);
    });
  };
}
