import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDITED_SCREENS } from '../server/accessibility/audit-coverage.js';
import { wcagViolations } from './accessibility.js';
import { browserAvailability } from './browser.js';
import { SCREENSHOTS, useDemoConsole } from './demo-console.js';

const availability = browserAvailability();
if (!availability.available) console.warn(`[e2e] skipped: ${availability.reason}`);

// The accessibility statement (RGAA): reached from the console's footer, signed in or not, and
// from the widget's demo page; in French and English; itself audited.
describe.skipIf(!availability.available)('the accessibility statement, in Chromium', () => {
  const demo = useDemoConsole('accessibility', 'demo-password-e2e-accessibility', { ACCESSIBILITY_ENTITY: 'Mairie de Villeneuve-sur-Exemple', ACCESSIBILITY_CONTACT: 'accessibilite@mairie.example' });

  it('is linked from the sign-in page, the console and the widget demo, in both languages, and passes the audit', async () => {
    const page = await demo.newPage();
    await page.goto(`${demo.server.url}/login`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : non conforme' }).click();
    await page.waitForURL('**/accessibilite?lang=fr');
    await page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('table').getByRole('row').count()).toBe(AUDITED_SCREENS.length + 1);
    expect(await page.textContent('main')).toContain('Mairie de Villeneuve-sur-Exemple s’engage');
    expect(await page.getByRole('link', { name: 'accessibilite@mairie.example' }).getAttribute('href')).toBe('mailto:accessibilite@mairie.example');
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'accessibility-statement.png'), fullPage: true });

    await page.getByRole('link', { name: 'English version' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await wcagViolations(page)).toEqual([]);

    await demo.login(page, 'agent@mairie.example');
    expect(await page.getByRole('contentinfo').getByRole('link').getAttribute('href')).toBe('/accessibilite?lang=fr');
    await page.goto(`${demo.server.url}/widget-demo`);
    expect(await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : non conforme' }).getAttribute('href')).toBe('/accessibilite');
  }, 60_000);
});
