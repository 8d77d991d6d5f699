import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Router, type Request } from 'express';
import { statementPage, type StatementSettings } from '../accessibility/statement-page.js';

// The accessibility statement, public: /accessibilite (French; ?lang=en) and /accessibility
// (English). Linked from the console's footer, the widget's demo page and the survey pages.

function axeVersion(): string | undefined {
  try {
    const file = createRequire(import.meta.url).resolve('axe-core/package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function accessibilityRoutes(settings: Omit<StatementSettings, 'axeVersion'> = {}): Router {
  const router = Router();
  const full: StatementSettings = { ...settings, axeVersion: axeVersion() };
  const langOf = (req: Request, fallback: 'fr' | 'en') => (req.query.lang === 'en' ? 'en' : req.query.lang === 'fr' ? 'fr' : fallback);
  router.get('/accessibilite', (req, res) => {
    res.type('html').send(statementPage(langOf(req, 'fr'), full));
  });
  router.get('/accessibility', (req, res) => {
    res.type('html').send(statementPage(langOf(req, 'en'), full));
  });
  return router;
}
