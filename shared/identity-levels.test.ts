import { describe, expect, it } from 'vitest';
import { atLeast, IDENTITY_LEVELS, joinsAutomatically, levelOfLegacy, strongerLevel } from './identity-levels.js';

describe('identity levels', () => {
  it('are ordered from typed to FranceConnect', () => {
    expect(atLeast('portal', 'channel')).toBe(true);
    expect(atLeast('channel', 'portal')).toBe(false);
    expect(atLeast('franceconnect', 'portal')).toBe(true);
    expect(atLeast('confirmed', 'confirmed')).toBe(true);
    expect(strongerLevel('unverified', 'confirmed')).toBe('confirmed');
    expect(strongerLevel('portal', 'channel')).toBe('portal');
  });

  it('let only channel-proved identities or better join a sender to an existing citizen', () => {
    expect(IDENTITY_LEVELS.filter(joinsAutomatically)).toEqual(['channel', 'confirmed', 'portal', 'franceconnect']);
  });

  it('read the journals written before levels', () => {
    expect(levelOfLegacy(true)).toBe('channel');
    expect(levelOfLegacy(false)).toBe('unverified');
    expect(levelOfLegacy(undefined)).toBe('unverified');
  });
});
