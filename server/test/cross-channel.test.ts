import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenId, Identity, JournalEvent, Message, TimelinePage } from '../../shared/index.js';
import { newId } from '../../shared/index.js';
import { emailChannel, type EmailChannel } from '../channels/email/email-channel.js';
import { phoneChannel } from '../channels/phone/phone-module.js';
import { twilioSignature } from '../channels/phone/twilio-signature.js';
import { metaChannel } from '../channels/social/meta/meta-module.js';
import { metaSignature } from '../channels/social/meta/meta-signature.js';
import { webchatModule } from '../channels/webchat/webchat-module.js';
import { identityClaimKey } from '../domain/identity.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { startFakeGraphApi } from './fakes/fake-graph-api.js';
import { startSmtpSink, type SmtpSink } from './email-sink.js';
import { startHarness, type Harness } from './harness.js';
import { citizen as widget, clientId, SESSION_SECRET, signed, SITES } from './webchat-helpers.js';
import { whatsappMessage } from './fakes/meta-payloads.js';

// One person, four channels, each through its own protocol on loopback: an email over SMTP, a
// call reported by Twilio's signed callbacks, a WhatsApp message in a signed Meta delivery, and a
// chat in the widget signed in through the town's portal. Guichet must file them under one
// citizen, in one timeline, in order, and show each to a connected agent as it happens.

const TOWN_MAILBOX = 'contact@mairie.test';
const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://guichet.mairie-exemple.fr';
const META_SECRET = 'meta-app-secret-0123456789abcdef';
const GRAPH = { version: 'v21.0', whatsappToken: 'wa-system-token-123', phoneNumberId: '106540352242922', pageToken: 'page-token-456789' };

const JEANNE = {
  name: 'Jeanne Dupont',
  email: 'jeanne.dupont@example.fr',
  mobile: '+33612345678',
  account: 'CIT-0042',
};

let h: Harness;
let sink: SmtpSink;
let graph: FakeHttp;
let email: EmailChannel;

beforeEach(async () => {
  sink = await startSmtpSink();
  graph = await startFakeGraphApi(GRAPH);
  h = await startHarness({
    channels: ({ dir, store }) => {
      email = emailChannel({ dataDir: dir, store, domains: TOWN_MAILBOX, smtpPort: 0, smtpHost: '127.0.0.1', relayUrl: sink.url, maxBytes: 1_000_000, attachmentMaxBytes: 500_000 });
      return [
        email,
        webchatModule({ sites: SITES, sessionSecret: SESSION_SECRET, presenceRefreshMs: 60_000 }),
        phoneChannel({ publicUrl: PUBLIC_URL, twilioAuthToken: TWILIO_TOKEN }),
        metaChannel({ appSecret: META_SECRET, graphUrl: graph.url, graphVersion: GRAPH.version, accessToken: GRAPH.whatsappToken, whatsappPhoneNumberId: GRAPH.phoneNumberId }),
      ];
    },
  });
});
afterEach(async () => {
  await h.close();
  await graph.close();
  await sink.close();
});

/**
 * What links the channels: Jeanne's file as the town's citizen portal vouches for it — her
 * portal account, the email address and the mobile number the portal verified. (Guichet itself
 * links a WhatsApp sender to the phone number on its own.)
 */
async function portalKnowsJeanne(): Promise<CitizenId> {
  const citizenId = newId<CitizenId>('cit');
  const identities: Identity[] = [
    { kind: 'account', value: JEANNE.account, level: 'channel' },
    { kind: 'email', value: JEANNE.email, level: 'channel' },
    { kind: 'phone', value: JEANNE.mobile, level: 'channel' },
  ];
  await h.store.append(
    [{ type: 'citizen.created', at: new Date().toISOString(), actor: { kind: 'system', name: 'portail citoyen' }, citizenId, payload: { displayName: JEANNE.name, identities } }],
    identities.map((i) => ({ key: identityClaimKey(i), owner: citizenId })),
  );
  return citizenId;
}

async function sendEmail(): Promise<void> {
  const { port } = email.smtpAddress()!;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({
      from: `"${JEANNE.name}" <${JEANNE.email}>`,
      to: TOWN_MAILBOX,
      subject: 'Carte d’identité de mon fils',
      text: 'Bonjour,\n\nQuels documents faut-il pour la carte d’identité de mon fils ?\n\nJeanne Dupont',
    });
    expect(info.response).toMatch(/^250 /);
  } finally {
    transport.close();
  }
}

async function twilioCallback(params: Record<string, string>): Promise<void> {
  const form = new URLSearchParams(params);
  const res = await fetch(`${h.url}/webhooks/voice/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/voice/twilio`, form) },
    body: form.toString(),
  });
  expect(res.status).toBe(200);
}

async function call(): Promise<string> {
  const sid = 'CA5e0a1c2b3d4e5f60718293a4b5c6d7e8';
  const base = { AccountSid: 'AC00000000000000000000000000000000', CallSid: sid, Direction: 'inbound', From: '+33 6 12 34 56 78', To: '+33140000000' };
  await twilioCallback({ ...base, CallStatus: 'ringing' });
  await twilioCallback({ ...base, CallStatus: 'in-progress' });
  await twilioCallback({ ...base, CallStatus: 'completed', CallDuration: '185' });
  return sid;
}

async function whatsapp(): Promise<void> {
  const body = JSON.stringify(
    whatsappMessage({
      phoneNumberId: GRAPH.phoneNumberId,
      from: '33612345678',
      id: 'wamid.HBgLMzM2MTIzNDU2NzgVAgASGBQzQTk',
      text: 'Je vous envoie la photo du livret de famille ici.',
      name: 'Jeanne',
    }),
  );
  const res = await fetch(`${h.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(META_SECRET, body) },
    body,
  });
  expect(res.status).toBe(200);
}

async function chat(): Promise<void> {
  const { socket, ready } = await widget(h, { account: signed(JEANNE.account) });
  try {
    expect(ready.verified).toBe(true);
    const ack = await socket.timeout(5000).emitWithAck('message:send', { clientId: clientId(), text: 'Faut-il prendre rendez-vous pour le dépôt ?' });
    expect(ack.ok).toBe(true);
  } finally {
    socket.disconnect();
  }
}

async function settle(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('one person on four channels', () => {
  it('is one citizen with one timeline, in order, seen live by a connected agent', async () => {
    const jeanne = await portalKnowsJeanne();
    const agent = await h.socket('agent');
    const live: JournalEvent[] = [];
    agent.on('message:received', (e) => live.push(e));
    agent.on('call:updated', (e) => live.push(e));

    await sendEmail();
    await settle(() => live.length >= 1, 'the email push');
    const sid = await call();
    await settle(() => live.length >= 4, 'the call pushes');
    await whatsapp();
    await settle(() => live.length >= 5, 'the WhatsApp push');
    await chat();
    await settle(() => live.length >= 6, 'the chat push');

    // One citizen: every identity the four channels used points to Jeanne's file.
    expect((await h.store.findCitizenByIdentity('email', JEANNE.email))?.id).toBe(jeanne);
    expect((await h.store.findCitizenByIdentity('phone', JEANNE.mobile))?.id).toBe(jeanne);
    expect((await h.store.findCitizenByIdentity('whatsapp', JEANNE.mobile))?.id).toBe(jeanne);
    expect((await h.store.findCitizenByIdentity('account', JEANNE.account))?.id).toBe(jeanne);
    expect(await h.store.countCitizens()).toBe(1);
    const file = await h.store.getCitizen(jeanne);
    expect(file!.identities.map((i) => i.kind).sort()).toEqual(['account', 'email', 'phone', 'webchat', 'whatsapp']);

    // One timeline, as the console loads it, in the order things happened.
    const { cookie } = await h.login('agent');
    const res = await fetch(`${h.url}/api/citizens/${jeanne}/timeline?limit=50`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const timeline = ((await res.json()) as TimelinePage).items;
    expect(timeline.map((m: Message) => m.channel)).toEqual(['email', 'phone', 'whatsapp', 'webchat']);
    expect(timeline.every((m) => m.citizenId === jeanne && m.direction === 'inbound')).toBe(true);
    expect(new Set(timeline.map((m) => m.conversationId)).size).toBe(1);
    const [mail, phone, wa, web] = timeline;
    expect(mail!.subject).toBe('Carte d’identité de mon fils');
    expect(phone).toMatchObject({ kind: 'call', externalId: sid, call: { from: JEANNE.mobile, outcome: 'answered', durationSec: 185 } });
    expect(wa!.text).toBe('Je vous envoie la photo du livret de famille ici.');
    expect(web!.text).toBe('Faut-il prendre rendez-vous pour le dépôt ?');
    const conversation = await h.store.getConversation(mail!.conversationId);
    expect(conversation).toMatchObject({ citizenId: jeanne, channels: ['email', 'phone', 'whatsapp', 'webchat'], messageCount: 4 });

    // Seen live: each message pushed as it arrived, the call's progress included, in journal order.
    const received = live.filter((e) => e.type === 'message.received');
    expect(received.map((e) => e.payload.message.id)).toEqual(timeline.map((m) => m.id));
    expect(live.map((e) => e.type)).toEqual(['message.received', 'message.received', 'call.updated', 'call.updated', 'message.received', 'message.received']);
    const seqs = live.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
