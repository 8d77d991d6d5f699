import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Citizen, CitizenId, Conversation, Message, MessageId } from '../../../../shared/index.js';
import { PermanentSendError, type OutboundDelivery } from '../../../domain/outbox.js';
import type { FakeHttp } from '../../../test/fakes/fake-http.js';
import { graphError, startFakeGraphApi } from '../../../test/fakes/fake-graph-api.js';
import { GraphSender } from './graph-sender.js';

const OPTIONS = { version: 'v21.0', whatsappToken: 'wa-token-123456', phoneNumberId: '1234567890', pageToken: 'page-token-123456' };
let graph: FakeHttp;
let sender: GraphSender;
beforeEach(async () => {
  graph = await startFakeGraphApi(OPTIONS);
  sender = new GraphSender('whatsapp', { graphUrl: graph.url, version: 'v21.0', accessToken: OPTIONS.whatsappToken, phoneNumberId: OPTIONS.phoneNumberId });
});
afterEach(async () => {
  await graph.close();
});

function delivery(text = 'Bonjour'): OutboundDelivery {
  return {
    message: { id: 'msg_1' as MessageId, text } as Message,
    conversation: {} as Conversation,
    citizen: { id: 'cit_1' as CitizenId } as Citizen,
    to: { kind: 'whatsapp', value: '+33612345678', level: 'unverified' },
    idempotencyKey: 'msg_1',
    attempt: 1,
  };
}

describe('GraphSender', () => {
  it('returns the wamid Meta gave the message', async () => {
    expect(await sender.send(delivery())).toEqual({ providerMessageId: 'wamid.FAKE1' });
  });

  it('fails for good on a 4xx with Meta’s message, and leaves 429, 5xx and network errors to the retries', async () => {
    graph.failNext(graphError(400, '(#131030) Recipient phone number not in allowed list', 131030));
    const refused = sender.send(delivery());
    await expect(refused).rejects.toBeInstanceOf(PermanentSendError);
    await expect(refused).rejects.toThrow('(#131030) Recipient phone number not in allowed list (code 131030)');

    graph.failNext(graphError(500, 'An unexpected error has occurred.', 2), graphError(429, 'Rate limit hit', 130429));
    for (let i = 0; i < 2; i++) {
      const err = await sender.send(delivery()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentSendError);
    }
    const offline = new GraphSender('whatsapp', { graphUrl: 'http://127.0.0.1:9', version: 'v21.0', accessToken: 'x', phoneNumberId: '1' });
    const err = await offline.send(delivery()).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect(String(err)).toContain('Graph API unreachable');
  });

  it('refuses a text too long for the channel before calling Meta', async () => {
    await expect(sender.send(delivery('x'.repeat(4097)))).rejects.toBeInstanceOf(PermanentSendError);
    expect(graph.requests).toHaveLength(0);
  });
});
