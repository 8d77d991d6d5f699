import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../app/i18n.js';
import { Duration } from './Duration.js';
import { WaitingBadge } from './WaitingBadge.js';

// The markup the board and the inbox render: short units for the eye, words for screen readers,
// the machine value in dateTime. Rendered with the real locale files.

let i18n: I18n;
const T0 = Date.parse('2025-01-15T09:00:00.000Z');
const ago = (sec: number) => new Date(T0 - sec * 1000).toISOString();
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');

describe('Duration and WaitingBadge markup', () => {
  beforeAll(async () => {
    i18n = await initI18n();
    await i18n.changeLanguage('fr');
  });

  it('writes a board wait as a <time> with the short form shown and the words for screen readers', () => {
    const html = plain(renderToStaticMarkup(createElement(Duration, { seconds: 8 * 86_400 + 4 * 3600 + 19 * 60 })));
    expect(html).toBe('<time dateTime="P8DT4H"><span aria-hidden="true">8 j 4 h</span><span class="sr-only">8 jours et 4 heures</span></time>');
  });

  it('badges an inbox wait in minutes, the sentence for screen readers and the tooltip', () => {
    const html = plain(renderToStaticMarkup(createElement(WaitingBadge, { since: ago(2 * 3600 + 15 * 60 + 40), now: T0, compact: true })));
    expect(html).toContain('<time aria-hidden="true" dateTime="PT2H15M">2 h 15 min</time>');
    expect(html).toContain('<span class="sr-only">attend depuis 2 heures et 15 minutes</span>');
    expect(html).toContain('title="attend depuis 2 heures et 15 minutes"');
    expect(html).toContain('waiting-badge--late');
  });

  it('follows the console language', async () => {
    await i18n.changeLanguage('en');
    try {
      const html = plain(renderToStaticMarkup(createElement(WaitingBadge, { since: ago(30), now: T0 })));
      expect(html).toContain('>waiting for < 1 min</time>'.replace('<', '&lt;'));
      expect(html).toContain('<span class="sr-only">waiting for less than a minute</span>');
      expect(plain(renderToStaticMarkup(createElement(Duration, { seconds: 3 * 86_400 + 3600 })))).toContain('>3 d 1 h<');
    } finally {
      await i18n.changeLanguage('fr');
    }
  });
});
