import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './server-process.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Best-practice rules every audit runs on top of the WCAG tags: two landmarks with one name
 * leave a screen-reader user unable to tell them apart in the landmarks list (WCAG 1.3.1, 2.4.1
 * in practice), though axe files the rule outside the WCAG tags.
 */
const ALSO_RUN = ['landmark-unique'] as const;

/**
 * axe-core's WCAG 2.1 A/AA rules over the page, shadow roots included, plus ALSO_RUN. axe is
 * evaluated through the devtools protocol, so the page's CSP stays on while it runs.
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  const source = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async (also) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // An enabled rule runs whatever the tags (axe's ruleShouldRun checks `rules` before `runOnly`).
    const rules = Object.fromEntries(also.map((id) => [id, { enabled: true }]));
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules })).violations;
  }, [...ALSO_RUN]);
  return violations.map((v) => `${v.impact ?? 'minor'} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}
