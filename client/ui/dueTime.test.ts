import { describe, expect, it } from 'vitest';
import { dueTimeOf } from './dueTime.js';

const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00.000Z`);
const base = { status: 'open' as const, firstResponseDueAt: '2026-03-02T10:00:00.000Z', resolutionDueAt: '2026-03-04T16:00:00.000Z' };

describe('dueTimeOf', () => {
  it('shows the first-response deadline until a reply, then the resolution one', () => {
    expect(dueTimeOf(base, at('08:00'))).toEqual({ kind: 'first_response', dueAt: base.firstResponseDueAt, state: 'due' });
    expect(dueTimeOf({ ...base, firstRespondedAt: '2026-03-02T09:00:00.000Z' }, at('09:10'))).toEqual({ kind: 'resolution', dueAt: base.resolutionDueAt, state: 'due' });
  });

  it('turns "soon" within half an hour of a reply deadline and late past it', () => {
    expect(dueTimeOf(base, at('09:29'))?.state).toBe('due');
    expect(dueTimeOf(base, at('09:31'))?.state).toBe('soon');
    expect(dueTimeOf(base, at('10:01'))?.state).toBe('late');
  });

  it('believes a journaled breach over the local clock, kind by kind', () => {
    const breaches = [{ kind: 'first_response' as const, dueAt: base.firstResponseDueAt, at: '2026-03-02T10:00:00.000Z' }];
    expect(dueTimeOf({ ...base, breaches }, at('08:00'))?.state).toBe('late');
    expect(dueTimeOf({ ...base, breaches, firstRespondedAt: '2026-03-02T11:00:00.000Z' }, at('11:00'))?.state).toBe('due');
  });

  it('shows nothing once resolved, or when the queue sets no target', () => {
    expect(dueTimeOf({ ...base, status: 'resolved' }, at('08:00'))).toBeNull();
    expect(dueTimeOf({ status: 'open' }, at('08:00'))).toBeNull();
    expect(dueTimeOf({ status: 'pending', resolutionDueAt: base.resolutionDueAt }, at('08:00'))?.kind).toBe('resolution');
  });
});
