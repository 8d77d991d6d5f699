import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDITED_SCREENS } from './audit-coverage.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the accessibility statement says what the tests do', () => {
  it('lists each browser test that runs the WCAG audit, and only those', () => {
    const auditing = readdirSync(path.join(ROOT, 'e2e'))
      .filter((f) => f.endsWith('.e2e.test.ts'))
      .map((f) => `e2e/${f}`)
      .filter((f) => read(f).includes('wcagViolations('));
    expect(auditing.length).toBeGreaterThan(5);
    expect([...new Set(AUDITED_SCREENS.map((s) => s.test))].sort()).toEqual(auditing.sort());
  });

  it('claims keyboard use only where the test drives the page with keys', () => {
    for (const s of AUDITED_SCREENS) {
      expect(existsSync(path.join(ROOT, s.test)), s.test).toBe(true);
      const drivesKeys = /keyboard\.(press|type)\(/.test(read(s.test));
      if (s.keyboard) expect(drivesKeys, `${s.test} is said keyboard-tested`).toBe(true);
    }
  });
});
