import { describe, expect, it } from 'vitest';
import type { QueueId } from '../../shared/index.js';
import { chooseQueue } from './queue-choice.js';

const config = {
  queues: [
    { id: 'que_urba' as QueueId, keywords: ['permis de construire', 'PLU'], isDefault: false },
    { id: 'que_ec' as QueueId, keywords: ["carte d'identité"], isDefault: false },
    { id: 'que_accueil' as QueueId, keywords: [], isDefault: true },
  ],
};

describe('chooseQueue', () => {
  it('matches keywords as whole words, ignoring case and accents', () => {
    expect(chooseQueue(config, { channel: 'email', subject: 'PERMIS DE CONSTRUIRE', text: '' })).toBe('que_urba');
    expect(chooseQueue(config, { channel: 'email', text: 'ma carte d’identite ? non: carte d\'identite' })).toBe('que_ec');
    expect(chooseQueue(config, { channel: 'email', text: 'Le plu de la commune' })).toBe('que_urba');
    expect(chooseQueue(config, { channel: 'email', text: 'Il pleut de plus en plus' })).toBe('que_accueil');
  });

  it('applies channel rules: a queue only takes its channels, and a default queue of the channel wins', () => {
    const phoneDesk = { id: 'que_tel' as QueueId, keywords: [], isDefault: true, channels: ['phone' as const] };
    const urbaByMail = { id: 'que_urba_mail' as QueueId, keywords: ['permis de construire'], isDefault: false, channels: ['email' as const] };
    const withChannels = { queues: [urbaByMail, ...config.queues.slice(0, 2), phoneDesk, config.queues[2]!] };
    expect(chooseQueue(withChannels, { channel: 'email', text: 'permis de construire' })).toBe('que_urba_mail');
    expect(chooseQueue(withChannels, { channel: 'webchat', text: 'permis de construire' })).toBe('que_urba');
    expect(chooseQueue(withChannels, { channel: 'phone', text: 'bonjour' })).toBe('que_tel');
    expect(chooseQueue(withChannels, { channel: 'email', text: 'bonjour' })).toBe('que_accueil');
  });
});
