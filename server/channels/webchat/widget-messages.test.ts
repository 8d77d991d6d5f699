import { describe, expect, it } from 'vitest';
import type { CitizenId, ConversationId, Message, MessageId } from '../../../shared/index.js';
import { toWidgetMessage } from './widget-messages.js';

function message(over: Partial<Message>): Message {
  return {
    id: 'msg_1' as MessageId,
    conversationId: 'conv_1' as ConversationId,
    citizenId: 'cit_1' as CitizenId,
    direction: 'inbound',
    channel: 'webchat',
    kind: 'text',
    author: { kind: 'citizen', id: 'cit_1' },
    text: 'Bonjour',
    attachments: [],
    at: '2025-01-01T10:00:00.000Z',
    status: 'received',
    ...over,
  };
}

describe('what the widget may show', () => {
  it('shows the citizen’s chat messages with their client id', () => {
    expect(toWidgetMessage(message({ externalId: 'wcs_abc:client-123' }))).toEqual({
      id: 'msg_1',
      from: 'citizen',
      text: 'Bonjour',
      at: '2025-01-01T10:00:00.000Z',
      clientId: 'client-123',
    });
  });

  it('shows agent replies with the first name only', () => {
    const reply = message({ direction: 'outbound', author: { kind: 'agent', id: 'agt_1', name: 'Camille Martin' }, status: 'delivered' });
    expect(toWidgetMessage(reply)).toMatchObject({ from: 'agent', agentName: 'Camille', status: 'delivered' });
    expect(toWidgetMessage({ ...reply, status: 'queued' })?.status).toBe('sent');
    expect(JSON.stringify(toWidgetMessage(reply))).not.toContain('agt_1');
  });

  it('never shows notes, other channels or failed sends', () => {
    expect(toWidgetMessage(message({ direction: 'note', author: { kind: 'agent', id: 'agt_1' } }))).toBeNull();
    expect(toWidgetMessage(message({ channel: 'email' }))).toBeNull();
    expect(toWidgetMessage(message({ direction: 'outbound', channel: 'email' }))).toBeNull();
    expect(toWidgetMessage(message({ direction: 'outbound', status: 'failed' }))).toBeNull();
  });
});
