import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeEmailHtml as sanitizeAtIngest } from '../server/content/sanitize-html.js';
import { browserAvailability, launchChromium } from './browser.js';
import { ROOT } from './server-process.js';

// The console folds quoted history in email HTML with the browser's DOM (a Range cut through the
// sanitised markup), which Node cannot run: this checks it in Chromium, on HTML as real mail
// clients write it, passed through the same two sanitisers as in production.

const availability = browserAvailability();

interface SplitText {
  fresh: string;
  quoted: string;
}

describe.skipIf(!availability.available)(`quoted history in email HTML${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents: "export { splitQuotedHtml } from './quotedHistory.ts'; export { sanitizeEmailHtml } from './sanitizeEmail.ts';",
        resolveDir: path.join(ROOT, 'client/features/conversation'),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      globalName: 'quotedHistory',
      write: false,
      logLevel: 'silent',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="fr"><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Ingest's sanitiser on the server, then the console's, then the split — as the timeline does. */
  function split(html: string): Promise<SplitText> {
    const stored = sanitizeAtIngest(html);
    return page.evaluate((h) => {
      const api = (window as unknown as { quotedHistory: { splitQuotedHtml(c: string): SplitText; sanitizeEmailHtml(h: string): string } }).quotedHistory;
      return api.splitQuotedHtml(api.sanitizeEmailHtml(h));
    }, stored);
  }

  it('folds a Gmail reply below the new text, attribution included', async () => {
    const { fresh, quoted } = await split(
      '<div dir="ltr">Merci pour votre réponse <b>rapide</b>.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le mar. 14 oct. 2025 à 10:12, Mairie de Test &lt;<a href="mailto:contact@mairie.test">contact@mairie.test</a>&gt; a écrit&nbsp;:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex"><div>Bonjour Madame,</div><div>Votre demande est enregistrée.</div></blockquote></div>',
    );
    expect(fresh).toContain('Merci pour votre réponse <b>rapide</b>.');
    expect(fresh).not.toContain('a écrit');
    expect(quoted).toMatch(/a écrit[\s\S]*<blockquote>[\s\S]*Votre demande est enregistrée/);
  });

  it("cuts through Outlook's section wrapper at its header block, leaving well-formed halves", async () => {
    const { fresh, quoted } = await split(
      '<div class="WordSection1"><p class="MsoNormal">Bien reçu, merci.</p><p class="MsoNormal">&nbsp;</p><div style="border:none;border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal"><b>De&nbsp;:</b> Mairie de Test &lt;contact@mairie.test&gt;<br><b>Envoyé&nbsp;:</b> mardi 14 octobre 2025 10:12<br><b>À&nbsp;:</b> Jeanne Dupont<br><b>Objet&nbsp;:</b> RE: Carte grise</p></div><p class="MsoNormal">Bonjour Madame,</p></div>',
    );
    expect(fresh).toBe('<div><p>Bien reçu, merci.</p><p>&nbsp;</p></div>');
    expect(quoted).toMatch(/^<div><div><p><b>De&nbsp;:<\/b>[\s\S]*<p>Bonjour Madame,<\/p><\/div>$/);
  });

  it('leaves a message without history whole', async () => {
    expect(await split('<p>Bonjour, je souhaite un rendez-vous.</p>')).toEqual({ fresh: '<p>Bonjour, je souhaite un rendez-vous.</p>', quoted: '' });
  });
});
