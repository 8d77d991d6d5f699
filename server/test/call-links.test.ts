import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../shared/index.js';
import { phoneChannel } from '../channels/phone/phone-module.js';
import { voiceSignature } from '../channels/phone/voice-signature.js';
import { startHarness, type Harness } from './harness.js';

// Every way a link reaches a call entry obeys one rule (shared/links.ts): https, or plain http
// to this machine. Anything else is a 400 with the rule as the reason, and nothing is kept.

const VOICE_SECRET = 'pbx-shared-secret-0123456789';
const BAD_LINKS = ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'http://pbx.example/rec.wav', 'file:///etc/passwd'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ channels: () => [phoneChannel({ publicUrl: 'https://guichet.mairie-exemple.fr', voiceWebhookSecret: VOICE_SECRET })] });
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
function call(links: { recordingUrl?: string; transcriptUrl?: string }): InboundMessage {
  n += 1;
  return {
    channel: 'phone',
    externalId: `CA-links-${n}`,
    from: { kind: 'phone', value: '06 12 34 56 78' },
    kind: 'call',
    text: 'Message vocal',
    call: { from: '+33612345678', to: '+33140000000', startedAt: '2026-11-27T09:00:00Z', outcome: 'voicemail', ...links },
  };
}

function pbx(event: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(`${h.url}/webhooks/voice`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-guichet-timestamp': timestamp, 'x-guichet-signature': voiceSignature(VOICE_SECRET, timestamp, body) },
    body,
  });
}

async function refusedWithRule(res: Response, field: string): Promise<void> {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { message: string; issues?: { path: string; message: string }[] } };
  expect(body.error.message).toMatch(/https/);
  expect(body.error.issues?.some((i) => i.path.endsWith(field))).toBe(true);
}

describe('call links', () => {
  for (const link of BAD_LINKS) {
    it(`POST /api/inbound refuses ${link.slice(0, 24)} as a recording or a transcript`, async () => {
      const head = await h.store.headSeq();
      await refusedWithRule(await h.inbound(call({ recordingUrl: link })), 'recordingUrl');
      await refusedWithRule(await h.inbound(call({ transcriptUrl: link })), 'transcriptUrl');
      expect(await h.store.headSeq()).toBe(head);
    });

    it(`the PBX webhook refuses ${link.slice(0, 24)} too`, async () => {
      const head = await h.store.headSeq();
      await refusedWithRule(await pbx({ callId: `pbx-${link.length}`, event: 'voicemail', from: '0612345678', to: '0140000000', recordingUrl: link }), 'recordingUrl');
      await refusedWithRule(await pbx({ callId: `pbx-t-${link.length}`, event: 'completed', from: '0612345678', to: '0140000000', transcriptUrl: link }), 'transcriptUrl');
      expect(await h.store.headSeq()).toBe(head);
    });
  }

  it('keeps https links, and plain http to loopback (the tests’ own servers)', async () => {
    const res = await h.inbound(call({ recordingUrl: 'https://pbx.mairie-exemple.fr/vm/1.wav', transcriptUrl: 'http://127.0.0.1:4010/t/1.txt' }));
    expect(res.status).toBe(201);
    const { messageId } = (await res.json()) as { messageId: string };
    expect((await h.store.getMessage(messageId))!.call).toMatchObject({ recordingUrl: 'https://pbx.mairie-exemple.fr/vm/1.wav', transcriptUrl: 'http://127.0.0.1:4010/t/1.txt' });
    expect((await pbx({ callId: 'pbx-ok', event: 'voicemail', from: '0612345678', to: '0140000000', recordingUrl: 'https://pbx.mairie-exemple.fr/vm/2.wav' })).status).toBe(201);
  });
});
