import path from 'node:path';
import express, { type Router } from 'express';
import { precompressedStatic } from './precompressed-static.js';

/**
 * Vite names what it emits under assets/ `[name]-[hash].[ext]` (an 8-character base64url content
 * hash): a new build gives a changed file a new URL, so the old URL can be cached for good.
 */
const CONTENT_HASHED = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(?:\.map)?$/;

/** How long a browser keeps each file of the built console. */
export function consoleCacheControl(relativePath: string): string {
  if (CONTENT_HASHED.test(relativePath)) return 'public, max-age=31536000, immutable';
  // The shell names the current hashed files: always revalidated, so a release is seen at once.
  if (relativePath === 'index.html') return 'no-cache';
  return 'public, max-age=3600';
}

/** The built console (dist/client): its files, and the app shell for every route of the client. */
export function consoleStatic(staticDir: string): Router {
  const router = express.Router();
  router.use(precompressedStatic(staticDir, { cacheControl: consoleCacheControl }));
  // A missing built file is a 404, never the shell: a page still open from the previous release
  // that asks for a lazy chunk it no longer has must see that load fail, not parse HTML as script.
  router.use('/assets', (_req, res) => {
    res.status(404).type('text/plain').send('No such file in this build.');
  });
  const indexHtml = path.resolve(staticDir, 'index.html');
  router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
