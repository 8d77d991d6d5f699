import { describe, expect, it } from 'vitest';
import { generateDemoCitizens } from '../../demo/demo-citizens.js';
import { DEMO_AGENT_LIST } from '../../demo/demo-directory.js';
import { nationalPhone } from '../../demo/demo-text.js';
import { Masker } from './masker.js';

// The whole demo population through the masker: every text a replay of the demo would show
// (e-mails with HTML, chats, call summaries and voicemails, replies, notes) loses every identity
// value of its citizen, and staff keep their names.

const plan = generateDemoCitizens({ now: new Date('2025-11-04T10:00:00Z') });
const staffNames = DEMO_AGENT_LIST.map((a) => a.displayName);
const staffWords = new Set(staffNames.flatMap((n) => n.split(' ')));

describe('masking the demo history', () => {
  it('leaves no identity value of any demo citizen in what their replays show', () => {
    let texts = 0;
    const leaks: string[] = [];
    for (const person of plan.citizens) {
      const identities = (['email', 'phone', 'whatsapp', 'messenger', 'webchat'] as const).flatMap((kind) =>
        person[kind] ? [{ kind, value: person[kind] }] : [],
      );
      const masker = new Masker({
        secret: 'demo-test-secret',
        scope: `citizen:${person.key}`,
        citizens: [{ citizenId: person.key, names: [person.displayName], identities }],
        staffNames,
      });
      const forbidden = [
        person.displayName,
        person.address,
        ...identities.map((i) => i.value),
        ...(person.phone ? [nationalPhone(person.phone)] : []),
      ];
      // A family name shared with a staff member stays readable in that agent's signature.
      const nameWords = [person.lastName].filter((w) => !staffWords.has(w));
      for (const conversation of person.conversations) {
        for (const step of conversation.steps) {
          const shown: string[] = [];
          if (step.type === 'inbound') {
            const m = step.message;
            shown.push(masker.text(m.text), ...(m.subject ? [masker.text(m.subject)] : []), ...(m.html ? [masker.html(m.html)] : []));
            if (m.call) shown.push(masker.phoneValue(m.call.from));
          } else if (step.type === 'reply' || step.type === 'note') {
            const masked = masker.text(step.text);
            shown.push(masked);
            // Agents sign their replies: their names survive masking.
            const agent = DEMO_AGENT_LIST.find((a) => a.id === step.agentId)!;
            if (step.type === 'reply' && step.channel === 'email') expect(masked).toContain(agent.displayName);
          }
          for (const text of shown) {
            texts += 1;
            for (const value of forbidden) if (text.includes(value)) leaks.push(`${person.key}: "${value}" in ${text}`);
            for (const word of nameWords) {
              if (new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'u').test(text)) leaks.push(`${person.key}: "${word}" in ${text}`);
            }
          }
        }
      }
    }
    expect(texts).toBeGreaterThan(1500);
    expect(leaks.slice(0, 5)).toEqual([]);
  });
});
