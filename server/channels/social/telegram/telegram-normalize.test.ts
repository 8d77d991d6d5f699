import { describe, expect, it } from 'vitest';
import { readTelegramUpdate } from './telegram-normalize.js';

describe('readTelegramUpdate', () => {
  it('reads a private text message and a photo with its caption', () => {
    const from = { id: 111, is_bot: false, first_name: 'Jeanne', last_name: 'Dupont', username: 'jdupont', language_code: 'fr' };
    const chat = { id: 111, first_name: 'Jeanne', type: 'private' };
    expect(readTelegramUpdate({ update_id: 1, message: { message_id: 5, from, chat, date: 1700000000, text: 'Bonjour' } })).toEqual({
      message: { channel: 'telegram', externalId: '111:5', from: { kind: 'telegram', value: '111', level: 'channel', displayName: 'Jeanne Dupont' }, text: 'Bonjour', providerAt: '2023-11-14T22:13:20.000Z' },
    });
    const photo = readTelegramUpdate({
      update_id: 2,
      message: { message_id: 6, from, chat, date: 1700000001, caption: 'Le trottoir', photo: [{ file_id: 'small', file_unique_id: 'a', width: 90, height: 90, file_size: 1000 }, { file_id: 'big', file_unique_id: 'b', width: 1280, height: 960, file_size: 90000 }] },
    });
    expect(photo).toMatchObject({ message: { text: 'Le trottoir', attachments: [{ name: 'photo-big', contentType: 'image/jpeg', size: 90000 }] } });
  });

  it('ignores groups, bots, edits and garbage', () => {
    expect(readTelegramUpdate({ update_id: 3, message: { message_id: 1, from: { id: 1, is_bot: false, first_name: 'A' }, chat: { id: -5, type: 'group' }, date: 1, text: 'x' } })).toHaveProperty('ignored');
    expect(readTelegramUpdate({ update_id: 4, message: { message_id: 1, from: { id: 1, is_bot: true, first_name: 'B' }, chat: { id: 1, type: 'private' }, date: 1, text: 'x' } })).toHaveProperty('ignored');
    expect(readTelegramUpdate({ update_id: 5, edited_message: { message_id: 1 } })).toHaveProperty('ignored');
    expect(readTelegramUpdate('nope')).toHaveProperty('ignored');
  });
});
