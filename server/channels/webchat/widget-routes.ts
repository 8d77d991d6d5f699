import express, { type Router } from 'express';
import { precompressedStatic } from '../../http/kit.js';
import { demoPage } from './demo-page.js';

/**
 * `/widget/*`: the built widget (dist/widget), which towns' pages load cross-origin, so it may be
 * embedded anywhere (CORP cross-origin), compressed as the build wrote it, and cached briefly (its
 * URL carries no hash: a town's page keeps one address across releases).
 * `/widget-demo`: a fake town page embedding it.
 */
export function widgetRoutes(widgetDir: string | null): Router {
  const router = express.Router();
  router.get('/widget-demo', (req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(demoPage(req.query.lang === 'en' ? 'en' : 'fr'));
  });
  if (widgetDir) {
    router.use(
      '/widget',
      precompressedStatic(widgetDir, {
        cacheControl: () => 'public, max-age=600',
        headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' },
      }),
    );
  }
  // Never the console's app shell in place of a missing script.
  router.use('/widget', (_req, res) => {
    res.status(404).type('text/plain').send('The web-chat widget is not built: run `npm run build`.');
  });
  return router;
}
