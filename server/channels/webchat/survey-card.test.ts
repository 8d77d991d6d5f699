import { describe, expect, it } from 'vitest';
import type { CitizenId, ConversationId, Message, MessageId } from '../../../shared/index.js';
import { toWidgetMessage } from './widget-messages.js';

const base: Message = {
  id: 'msg_1' as MessageId,
  conversationId: 'conv_1' as ConversationId,
  citizenId: 'cit_1' as CitizenId,
  direction: 'outbound',
  channel: 'webchat',
  kind: 'text',
  author: { kind: 'system', name: 'Guichet' },
  text: 'Votre demande a été traitée. Donnez votre avis en une question : https://mairie.example/survey/abc.def',
  attachments: [],
  at: '2025-03-03T10:00:00.000Z',
  status: 'delivered',
};

describe('survey card in the widget', () => {
  it('turns a system survey message into a card: question as text, link as button', () => {
    expect(toWidgetMessage(base)).toMatchObject({
      from: 'agent',
      text: 'Votre demande a été traitée. Donnez votre avis en une question',
      surveyUrl: 'https://mairie.example/survey/abc.def',
    });
  });

  it('leaves an agent’s own link alone', () => {
    const shown = toWidgetMessage({ ...base, author: { kind: 'agent', id: 'agt_1', name: 'Alice Martin' } });
    expect(shown?.surveyUrl).toBeUndefined();
    expect(shown?.text).toContain('https://mairie.example/survey/abc.def');
  });
});
