import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { SurveyService } from '../domain/surveys/survey-service.js';
import type { SurveyLanguage, SurveyWording } from '../domain/surveys/survey-wording.js';

// The citizen's survey page: public (the signed link is the credential), plain server-rendered
// HTML with a native form, so it works without JavaScript and with any screen reader.

const Answer = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
});

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function languageOf(req: Request): SurveyLanguage {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : req.acceptsLanguages('fr', 'en');
  return asked === 'en' ? 'en' : 'fr';
}

function page(lang: SurveyLanguage, w: SurveyWording, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(w.question)}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}
fieldset{border:1px solid #666;border-radius:.5rem}label{display:block;margin:.4rem 0}
button{font:inherit;padding:.5rem 1rem;margin-top:1rem}textarea{width:100%;font:inherit}
:focus-visible{outline:3px solid #000091;outline-offset:2px}</style></head>
<body><main>${body}</main>
<footer><p><a href="/accessibilite?lang=${lang}">${lang === 'en' ? 'Accessibility: not compliant' : 'Accessibilité : non conforme'}</a></p></footer></body></html>`;
}

function form(w: SurveyWording, error?: string): string {
  const options = [1, 2, 3, 4, 5]
    .map((n) => `<label><input type="radio" name="score" value="${n}" required> ${n === 1 ? esc(w.scaleLow) : n === 5 ? esc(w.scaleHigh) : n}</label>`)
    .join('\n');
  return `<h1>${esc(w.question)}</h1>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post">
<fieldset><legend>${esc(w.question)}</legend>
${options}
</fieldset>
<label for="comment">${esc(w.commentLabel)}</label>
<textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea>
<button type="submit">${esc(w.submit)}</button>
</form>`;
}

export function surveyRoutes(surveys: SurveyService, wording: Readonly<Record<SurveyLanguage, SurveyWording>>): Router {
  const router = Router();

  router.get('/:token', async (req, res) => {
    const lang = languageOf(req);
    const w = wording[lang];
    const { state } = await surveys.view(req.params.token);
    res.setHeader('Cache-Control', 'no-store');
    if (state === 'invalid') return void res.status(404).type('html').send(page(lang, w, `<h1>${esc(w.invalidLink)}</h1>`));
    if (state === 'already-answered') return void res.type('html').send(page(lang, w, `<h1>${esc(w.alreadyAnswered)}</h1>`));
    res.type('html').send(page(lang, w, form(w)));
  });

  router.post('/:token', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const lang = languageOf(req);
    const w = wording[lang];
    res.setHeader('Cache-Control', 'no-store');
    const parsed = Answer.safeParse(req.body);
    if (!parsed.success) return void res.status(400).type('html').send(page(lang, w, form(w, w.scaleLow)));
    const outcome = await surveys.answerByToken(req.params.token, parsed.data.score, parsed.data.comment);
    if (outcome === 'invalid') return void res.status(404).type('html').send(page(lang, w, `<h1>${esc(w.invalidLink)}</h1>`));
    const text = outcome === 'recorded' ? w.thanks : w.alreadyAnswered;
    res.type('html').send(page(lang, w, `<h1>${esc(text)}</h1>`));
  });

  return router;
}
