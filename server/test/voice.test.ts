import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, ConversationId, JournalEvent, Message, MessageId } from '../../shared/index.js';
import { phoneChannel } from '../channels/phone/phone-module.js';
import { twilioSignature } from '../channels/phone/twilio-signature.js';
import { voiceSignature } from '../channels/phone/voice-signature.js';
import { emailFrom, nextPush, startHarness, type AgentSocket, type Harness } from './harness.js';

const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const VOICE_SECRET = 'pbx-shared-secret-0123456789';
// Twilio signs the URL it was configured with, not the loopback address the test posts to.
const PUBLIC_URL = 'https://guichet.mairie-exemple.fr';
const CITIZEN = '+33612345678';
const TOWN = '+33140000000';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    channels: () => [phoneChannel({ publicUrl: PUBLIC_URL, twilioAuthToken: TWILIO_TOKEN, voiceWebhookSecret: VOICE_SECRET })],
  });
});
afterEach(async () => {
  await h.close();
});

let n = 0;
const callSid = () => `CA${Date.now().toString(16)}${(++n).toString(16).padStart(4, '0')}`.padEnd(34, '0');

function twilio(params: Record<string, string>, options: { signature?: string | null; signedUrl?: string } = {}): Promise<Response> {
  const form = new URLSearchParams(params);
  const signature =
    options.signature === undefined ? twilioSignature(TWILIO_TOKEN, options.signedUrl ?? `${PUBLIC_URL}/webhooks/voice/twilio`, form) : options.signature;
  return fetch(`${h.url}/webhooks/voice/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== null ? { 'x-twilio-signature': signature } : {}) },
    body: form.toString(),
  });
}

function status(sid: string, callStatus: string, extra: Record<string, string> = {}) {
  return {
    AccountSid: 'AC00000000000000000000000000000000',
    ApiVersion: '2010-04-01',
    CallSid: sid,
    CallStatus: callStatus,
    Direction: 'inbound',
    From: CITIZEN,
    To: TOWN,
    Timestamp: new Date().toUTCString(),
    ...extra,
  };
}

function pbx(event: Record<string, unknown>, options: { timestamp?: number; secret?: string; unsigned?: boolean } = {}): Promise<Response> {
  const body = JSON.stringify(event);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return fetch(`${h.url}/webhooks/voice`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.unsigned ? {} : { 'x-guichet-timestamp': timestamp, 'x-guichet-signature': voiceSignature(options.secret ?? VOICE_SECRET, timestamp, body) }),
    },
    body,
  });
}

async function journal(): Promise<JournalEvent[]> {
  return h.store.readJournal({ afterSeq: 0, limit: 10_000 });
}

async function callMessage(sid: string): Promise<Message> {
  const m = await h.store.findMessageByExternalId('phone', sid);
  if (!m) throw new Error(`no call ${sid}`);
  return m;
}

async function conversationOf(m: Message): Promise<Conversation> {
  return (await h.store.getConversation(m.conversationId as ConversationId))!;
}

describe('Twilio voice status callbacks', () => {
  it('creates one call message and updates it through ringing, answered and completed, live', async () => {
    const agent = await h.socket('agent');
    const sid = callSid();
    const created = nextPush(agent, 'message:received', (e) => e.payload.message.externalId === sid);
    const updates: JournalEvent[] = [];
    agent.on('call:updated', (e) => updates.push(e));

    expect((await twilio(status(sid, 'ringing'))).status).toBe(200);
    const ringing = await callMessage(sid);
    expect(ringing).toMatchObject({ kind: 'call', channel: 'phone', direction: 'inbound', call: { outcome: 'ringing', from: CITIZEN, to: TOWN } });
    expect((await created).payload.message.id).toBe(ringing.id);
    // A call still ringing is not a request waiting for an answer.
    expect(await conversationOf(ringing)).toMatchObject({ waitingSince: null, unreadCount: 0, tags: [] });

    expect((await twilio(status(sid, 'in-progress'))).status).toBe(200);
    expect((await callMessage(sid)).call).toMatchObject({ outcome: 'answered' });
    expect((await callMessage(sid)).call!.answeredAt).toBeDefined();

    expect((await twilio(status(sid, 'completed', { CallDuration: '154' }))).status).toBe(200);
    const done = await callMessage(sid);
    expect(done.id).toBe(ringing.id);
    expect(done.call).toMatchObject({ outcome: 'answered', durationSec: 154 });
    expect(done.call!.endedAt).toBeDefined();
    expect(done.text).toBe('Appel entrant — répondu, 2 min 34 s');

    const events = await journal();
    expect(events.filter((e) => e.type === 'message.received')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'call.updated')).toHaveLength(2);
    for (let i = 0; i < 50 && updates.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(updates.map((e) => (e.type === 'call.updated' ? e.payload.call.outcome : null))).toEqual(['answered', 'answered']);
    expect(await conversationOf(done)).toMatchObject({ waitingSince: null, unreadCount: 0, tags: [] });
  });

  it('absorbs retried and out-of-order callbacks', async () => {
    const sid = callSid();
    await twilio(status(sid, 'ringing'));
    await twilio(status(sid, 'completed', { CallDuration: '30' }));
    const head = await h.store.headSeq();
    // Twilio retries the completed callback, then a late "in-progress" arrives.
    expect((await twilio(status(sid, 'completed', { CallDuration: '30' }))).status).toBe(200);
    expect((await twilio(status(sid, 'ringing'))).status).toBe(200);
    expect(await h.store.headSeq()).toBe(head);
    expect((await callMessage(sid)).call).toMatchObject({ outcome: 'answered', durationSec: 30 });
  });

  it('refuses a missing or invalid signature and stores nothing', async () => {
    const sid = callSid();
    expect((await twilio(status(sid, 'ringing'), { signature: null })).status).toBe(401);
    expect((await twilio(status(sid, 'ringing'), { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    // Signed for the address the request really reached, not the public URL Twilio was given.
    expect((await twilio(status(sid, 'ringing'), { signedUrl: `${h.url}/webhooks/voice/twilio` })).status).toBe(403);
    // Signed correctly, then a parameter changed on the way.
    const params = status(sid, 'ringing');
    const signature = twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/voice/twilio`, new URLSearchParams(params));
    expect((await twilio({ ...params, From: '+33699999999' }, { signature })).status).toBe(403);
    expect(await h.store.headSeq()).toBe(0);
  });

  it('turns a call nobody answered into a call-back item, settled when an agent gets through', async () => {
    const sid = callSid();
    await twilio(status(sid, 'ringing'));
    await twilio(status(sid, 'no-answer'));
    const missed = await callMessage(sid);
    expect(missed.call).toMatchObject({ outcome: 'missed' });
    expect(missed.text).toBe('Appel entrant — manqué, à rappeler');
    const waiting = await conversationOf(missed);
    expect(waiting.tags).toContain('callback');
    expect(waiting.waitingSince).not.toBeNull();
    expect(waiting.unreadCount).toBe(1);

    const agent = await h.socket('agent');
    // An attempt nobody picks up leaves the item open.
    const attempt = await agent.timeout(5000).emitWithAck('call:log', {
      conversationId: missed.conversationId as ConversationId,
      direction: 'outbound',
      outcome: 'missed',
      clientMessageId: 'callback-attempt-1',
    });
    expect(attempt.ok).toBe(true);
    expect(attempt.ok && attempt.data.call).toMatchObject({ to: CITIZEN, outcome: 'missed' });
    expect((await conversationOf(missed)).tags).toContain('callback');
    expect((await conversationOf(missed)).waitingSince).not.toBeNull();

    const done = await agent.timeout(5000).emitWithAck('call:log', {
      conversationId: missed.conversationId as ConversationId,
      direction: 'outbound',
      outcome: 'answered',
      durationSec: 95,
      notes: 'Rappelée : rendez-vous pris pour jeudi.',
      clientMessageId: 'callback-attempt-2',
    });
    expect(done.ok).toBe(true);
    const settled = await conversationOf(missed);
    expect(settled.tags).not.toContain('callback');
    expect(settled.waitingSince).toBeNull();
    expect(settled.assigneeId).toBe('agt_alice');
    const logged = await h.store.getMessage(done.ok ? done.data.id : '');
    expect(logged).toMatchObject({ direction: 'outbound', kind: 'call', author: { kind: 'agent', id: 'agt_alice' }, call: { outcome: 'answered', durationSec: 95, summary: 'Rappelée : rendez-vous pris pour jeudi.' } });
    // A retried command (lost ack) logs nothing twice.
    const again = await agent.timeout(5000).emitWithAck('call:log', {
      conversationId: missed.conversationId as ConversationId,
      direction: 'outbound',
      outcome: 'answered',
      durationSec: 95,
      clientMessageId: 'callback-attempt-2',
    });
    expect(again.ok && again.data.id).toBe(done.ok && done.data.id);
  });

  // Twilio posts a recording callback on its own schedule: before, between or after the call's
  // status callbacks. Every order ends the same, and every signed callback is answered 200.
  const ORDERS = [
    ['recording', 'ringing', 'no-answer'],
    ['recording', 'no-answer', 'ringing'],
    ['ringing', 'recording', 'no-answer'],
    ['ringing', 'no-answer', 'recording'],
    ['no-answer', 'recording', 'ringing'],
    ['no-answer', 'ringing', 'recording'],
  ];
  for (const order of ORDERS) {
    it(`ends a call as a voicemail with its recording whatever the order: ${order.join(' → ')}`, async () => {
      const sid = callSid();
      const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE${sid.slice(2)}`;
      const statuses: number[] = [];
      for (const step of order) {
        const params =
          step === 'recording'
            ? { AccountSid: 'AC00000000000000000000000000000000', CallSid: sid, RecordingSid: `RE${sid.slice(2)}`, RecordingUrl: recordingUrl, RecordingStatus: 'completed', RecordingDuration: '12' }
            : status(sid, step);
        statuses.push((await twilio(params)).status);
      }
      expect(statuses).toEqual([200, 200, 200]);
      const call = await callMessage(sid);
      expect(call.call).toMatchObject({ outcome: 'voicemail', recordingUrl });
      expect((await conversationOf(call)).tags).toContain('callback');
      // Nothing left waiting once applied; one call entry.
      expect(await h.store.earlyReports(`phone:${sid}`)).toEqual([]);
      expect((await journal()).filter((e) => e.type === 'message.received')).toHaveLength(1);
    });
  }

  it('holds a PBX recording that comes before its call (202), and applies it when the call is reported', async () => {
    const id = `1700000099.${Date.now()}`;
    const early = await pbx({ callId: id, event: 'recording', recordingUrl: 'https://pbx.example/r/1.wav' });
    expect(early.status).toBe(202);
    expect(await early.json()).toEqual({ status: 'held' });
    expect(await h.store.headSeq()).toBe(0);
    expect((await pbx({ callId: id, event: 'missed', direction: 'inbound', from: '0612345678', to: '0140000000' })).status).toBe(201);
    expect((await callMessage(id)).call).toMatchObject({ outcome: 'voicemail', recordingUrl: 'https://pbx.example/r/1.wav' });
  });

  it('keeps a voicemail with its recording link, and a call-back owed', async () => {
    const sid = callSid();
    await twilio(status(sid, 'ringing'));
    await twilio(status(sid, 'in-progress'));
    await twilio(status(sid, 'completed', { CallDuration: '41' }));
    // Twilio's recording status callback: no numbers, no CallStatus.
    const res = await twilio({
      AccountSid: 'AC00000000000000000000000000000000',
      CallSid: sid,
      RecordingSid: 'RE0123456789abcdef0123456789abcdef',
      RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE0123456789abcdef0123456789abcdef',
      RecordingStatus: 'completed',
      RecordingDuration: '38',
    });
    expect(res.status).toBe(200);
    const voicemail = await callMessage(sid);
    expect(voicemail.call).toMatchObject({ outcome: 'voicemail', recordingUrl: expect.stringContaining('/Recordings/RE0123') });
    expect((await conversationOf(voicemail)).tags).toContain('callback');
  });

  it('lets the agent who took the call write its summary, seen live by colleagues', async () => {
    const sid = callSid();
    await twilio(status(sid, 'in-progress'));
    await twilio(status(sid, 'completed', { CallDuration: '60' }));
    const call = await callMessage(sid);
    const alice = await h.socket('agent');
    const bruno = await h.socket('colleague');
    const seen = nextPush(bruno, 'call:summarized', (e) => e.payload.messageId === call.id);
    const ack = await alice.timeout(5000).emitWithAck('call:summarize', { messageId: call.id as MessageId, summary: 'Demande d’acte de naissance, envoyé par courrier.' });
    expect(ack.ok).toBe(true);
    expect((await seen).actor).toMatchObject({ kind: 'agent', id: 'agt_alice' });
    expect((await callMessage(sid)).call!.summary).toBe('Demande d’acte de naissance, envoyé par courrier.');
    // Later provider callbacks keep the agent's summary.
    await twilio(status(sid, 'completed', { CallDuration: '61' }));
    expect((await callMessage(sid)).call).toMatchObject({ durationSec: 61, summary: 'Demande d’acte de naissance, envoyé par courrier.' });
    // Search finds the call by its summary.
    expect((await h.store.searchMessages('courrier', 10)).map((m) => m.id)).toContain(call.id);

    const outsider = await h.socket('outsider');
    const refused = await outsider.timeout(5000).emitWithAck('call:summarize', { messageId: call.id as MessageId, summary: 'x' });
    // Outside the outsider's queues the call does not exist for them (shared/access.ts): 404, not 403.
    expect(refused.ok || refused.error.code).toBe('not_found');
    const email = (await (await h.inbound(emailFrom('x@example.fr'))).json()) as { messageId: MessageId };
    const notACall = await alice.timeout(5000).emitWithAck('call:summarize', { messageId: email.messageId, summary: 'x' });
    expect(notACall.ok || notACall.error.code).toBe('bad_request');
  });
});

describe('Calls logged by hand', () => {
  it('logs an inbound call on a conversation with the citizen’s known number', async () => {
    await twilio(status(callSid(), 'completed', { CallDuration: '12' }));
    const conversation = (await h.store.listConversations({ limit: 10 })).items[0]!;
    const agent = await h.socket('agent');
    const ack = await agent.timeout(5000).emitWithAck('call:log', {
      conversationId: conversation.id,
      direction: 'inbound',
      outcome: 'voicemail',
      notes: 'Message sur le portable de service : rappeler avant 17 h.',
      clientMessageId: 'manual-inbound-1',
    });
    expect(ack.ok).toBe(true);
    expect(ack.ok && ack.data).toMatchObject({ direction: 'inbound', author: { kind: 'citizen' }, call: { from: CITIZEN, outcome: 'voicemail' } });
    expect((await h.store.getConversation(conversation.id))!.tags).toContain('callback');
  });

  it('asks for a number when the citizen has none', async () => {
    const res = await h.inbound(emailFrom('sans.numero@example.fr'));
    const { conversationId } = (await res.json()) as { conversationId: ConversationId };
    const agent = await h.socket('agent');
    const refused = await agent.timeout(5000).emitWithAck('call:log', { conversationId, direction: 'outbound', outcome: 'answered', clientMessageId: 'manual-none-1' });
    expect(refused.ok || refused.error.code).toBe('bad_request');
    const ok = await agent.timeout(5000).emitWithAck('call:log', {
      conversationId,
      direction: 'outbound',
      outcome: 'answered',
      number: '06 12 34 56 79',
      clientMessageId: 'manual-none-2',
    });
    expect(ok.ok && ok.data.call).toMatchObject({ to: '+33612345679' });
  });
});

describe('Generic signed call events (POST /webhooks/voice)', () => {
  const callId = () => `1700000000.${++n}`;

  it('creates then updates the call with signed events', async () => {
    const id = callId();
    const first = await pbx({ callId: id, event: 'ringing', direction: 'inbound', from: '0612345678', to: '0140000000' });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { messageId: string; status: string };
    expect(created.status).toBe('created');
    const second = await pbx({ callId: id, event: 'missed', direction: 'inbound', from: '0612345678', to: '0140000000' });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { status: string }).status).toBe('updated');
    const call = await callMessage(id);
    expect(call.id).toBe(created.messageId);
    expect(call.call).toMatchObject({ outcome: 'missed', from: CITIZEN });
    // Replayed within the tolerance: nothing changes.
    const head = await h.store.headSeq();
    expect((await pbx({ callId: id, event: 'missed', direction: 'inbound', from: '0612345678', to: '0140000000' })).status).toBe(200);
    expect(await h.store.headSeq()).toBe(head);
  });

  it('files an outbound call as staff’s message, under a new citizen if need be', async () => {
    const id = callId();
    const res = await pbx({ callId: id, event: 'completed', direction: 'outbound', from: TOWN, to: '+33 7 00 00 00 01', durationSec: 75, callerName: 'M. Martin' });
    expect(res.status).toBe(201);
    const call = await callMessage(id);
    expect(call).toMatchObject({ direction: 'outbound', status: 'sent', call: { to: '+33700000001', outcome: 'answered', durationSec: 75 } });
    expect(await h.store.getCitizen(call.citizenId)).toMatchObject({ displayName: 'M. Martin', identities: [{ kind: 'phone', value: '+33700000001' }] });
  });

  it('refuses unsigned, wrongly signed, stale and malformed events', async () => {
    const event = { callId: callId(), event: 'ringing', from: '0612345678', to: '0140000000' };
    expect((await pbx(event, { unsigned: true })).status).toBe(401);
    expect((await pbx(event, { secret: 'not-the-shared-secret-000' })).status).toBe(403);
    expect((await pbx(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(403);
    expect((await pbx({ ...event, event: 'exploded' })).status).toBe(400);
    expect((await pbx({ ...event, from: 'anonymous' })).status).toBe(400);
    expect(await h.store.headSeq()).toBe(0);
  });
});

describe('Phone webhooks without their secrets', () => {
  it('are disabled and say why', async () => {
    const off = await startHarness({ channels: () => [phoneChannel({ publicUrl: PUBLIC_URL })] });
    try {
      const form = new URLSearchParams(status(callSid(), 'ringing'));
      const twilioRes = await fetch(`${off.url}/webhooks/voice/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/voice/twilio`, form) },
        body: form.toString(),
      });
      expect(twilioRes.status).toBe(503);
      expect(((await twilioRes.json()) as { error: { message: string } }).error.message).toContain('TWILIO_AUTH_TOKEN');
      const pbxRes = await fetch(`${off.url}/webhooks/voice`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(pbxRes.status).toBe(503);
      expect(((await pbxRes.json()) as { error: { message: string } }).error.message).toContain('VOICE_WEBHOOK_SECRET');
      expect(await off.store.headSeq()).toBe(0);
    } finally {
      await off.close();
    }
  });

  it('keeps Twilio off without PUBLIC_URL, whose signature it needs', async () => {
    const off = await startHarness({ channels: () => [phoneChannel({ twilioAuthToken: TWILIO_TOKEN })] });
    try {
      const res = await fetch(`${off.url}/webhooks/voice/twilio`, { method: 'POST', body: 'CallSid=CA1' });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('PUBLIC_URL');
    } finally {
      await off.close();
    }
  });
});

export type { AgentSocket };
