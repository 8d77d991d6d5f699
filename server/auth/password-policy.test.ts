import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

const lea = { email: 'lea.dubois@mairie.test', displayName: 'Léa Dubois' };

describe('staff password policy', () => {
  it('prefers length: any 12 characters that are not known or personal', () => {
    expect(passwordProblem('le chat dort sur le radiateur', lea)).toBeNull();
    expect(passwordProblem('Vélo!Orange#42', lea)).toBeNull();
    expect(passwordProblem('court', lea)).toBe('too_short');
    expect(passwordProblem('x'.repeat(129), lea)).toBe('too_long');
  });

  it('refuses breached passwords and their usual disguises', () => {
    for (const p of ['123qweasdzxc', 'qwerty123456', 'Motdepasse2024!', 'm0tdep@sse1234', 'AZERTYUIOP123', '!!Marseille13!!']) {
      expect(passwordProblem(p, lea), p).toBe('breached');
    }
  });

  it('refuses the account’s own name or address inside, and repetitions', () => {
    expect(passwordProblem('dubois-mairie-2026', lea)).toBe('personal');
    expect(passwordProblem('Lea.Dubois.1234', lea)).toBe('personal');
    expect(passwordProblem('aaaaaaaaaaaaaaaa', lea)).toBe('repetitive');
  });
});
