import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STAFF_COMMANDS, STAFF_COMMAND_NAMES, type Ack, type ErrorCode } from '../../shared/index.js';
import { WEBCHAT_COMMANDS } from '../../shared/webchat-events.js';
import type { AgentSocket, Harness, StaffKey } from './harness.js';
import { citizen, startWebchatHarness, type CitizenSocket } from './webchat-helpers.js';

// Every command of both socket namespaces × payloads no client of ours would send, generated
// from the command tables: each must be answered `{ok: false}` with a readable code (never an
// internal error), and the server must go on answering. A handler that throws synchronously
// would end this very process (the server runs in it), failing the run.

const READABLE: readonly ErrorCode[] = ['bad_request', 'forbidden', 'not_found', 'conflict', 'rate_limited'];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Payloads of every wrong shape, whatever the command expects. */
function hostilePayloads(): { label: string; payload: unknown }[] {
  const huge = 'x'.repeat(900_000);
  return [
    { label: 'null', payload: null },
    { label: 'a string', payload: 'offer' },
    { label: 'a number', payload: 42 },
    { label: 'a boolean', payload: true },
    { label: 'an array', payload: [{ conversationId: 'conv_x' }] },
    { label: 'an empty object', payload: {} },
    { label: 'a huge string', payload: huge },
    { label: 'a deep nesting', payload: nested(2000) },
    { label: 'a __proto__ key', payload: JSON.parse('{"__proto__": {"polluted": "yes"}, "conversationId": {"__proto__": {"polluted": "yes"}}}') },
    { label: 'a constructor key', payload: { constructor: { prototype: { polluted: 'yes' } } } },
  ];
}

/** Per field of an object schema: the field missing, of the wrong type, huge, or deeply nested. */
function fieldPayloads(schema: z.ZodType): { label: string; payload: unknown }[] {
  if (!(schema instanceof z.ZodObject)) return [];
  const keys = Object.keys(schema.shape as Record<string, unknown>);
  const wrong: Record<string, unknown>[] = [
    Object.fromEntries(keys.map((k) => [k, 12345])),
    Object.fromEntries(keys.map((k) => [k, 'y'.repeat(100_000)])),
    Object.fromEntries(keys.map((k) => [k, nested(50)])),
    Object.fromEntries(keys.map((k) => [k, ['a', 'b']])),
  ];
  return [
    ...wrong.map((payload, i) => ({ label: `every field ${['a number', 'huge', 'nested', 'an array'][i]}`, payload })),
    ...keys.map((k) => ({ label: `only ${k}, a number`, payload: { [k]: -1 } })),
  ];
}

function malformedFor(schema: z.ZodType): { label: string; payload: unknown }[] {
  // A payload the schema accepts is not malformed (e.g. `{}` for a command without payload).
  return [...hostilePayloads(), ...fieldPayloads(schema)].filter(({ payload }) => !schema.safeParse(payload).success);
}

async function send(socket: AgentSocket | CitizenSocket, name: string, payload: unknown, withPayload = true): Promise<Ack<unknown>> {
  const emitter = socket.timeout(5000) as unknown as { emitWithAck(name: string, ...args: unknown[]): Promise<Ack<unknown>> };
  return withPayload ? emitter.emitWithAck(name, payload) : emitter.emitWithAck(name);
}

function expectReadableRefusal(ack: Ack<unknown>, where: string): void {
  expect(ack.ok, where).toBe(false);
  if (ack.ok) return;
  expect(READABLE, `${where}: ${ack.error.code} ${ack.error.message}`).toContain(ack.error.code);
  expect(ack.error.message.length, where).toBeGreaterThan(0);
  expect(ack.error.message.length, where).toBeLessThan(1000);
}

function expectNoPollution(where: string): void {
  expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted, where).toBeUndefined();
}

describe('staff socket: every command of the table survives malformed payloads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWebchatHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const roles: StaffKey[] = ['supervisor', 'agent'];
  for (const who of roles) {
    it(`as ${who}: each command × each malformed payload gets {ok:false} with a readable code, and the server answers after`, async () => {
      const socket = await h.socket(who);
      let cases = 0;
      for (const name of STAFF_COMMAND_NAMES) {
        const { schema, ack } = STAFF_COMMANDS[name];
        for (const { label, payload } of malformedFor(schema)) {
          const where = `${who} ${name} with ${label}`;
          if (ack) expectReadableRefusal(await send(socket, name, payload), where);
          else socket.emit(name as 'conversation:typing', payload as never);
          expectNoPollution(where);
          cases += 1;
        }
        // A client that forgets the payload (`emit(name, ack)`) still gets its answer.
        if (ack && !schema.safeParse(undefined).success) expectReadableRefusal(await send(socket, name, undefined, false), `${who} ${name} without payload`);
        // Alive, and this socket still served: the next command is answered.
        const alive = await send(socket, 'journal:catch-up', { afterSeq: 0, limit: 1 });
        expect(alive.ok, `after ${name}`).toBe(true);
        expect(socket.connected, `after ${name}`).toBe(true);
      }
      expect(cases).toBeGreaterThan(STAFF_COMMAND_NAMES.length * 10);
      const health = await fetch(`${h.url}/healthz`);
      expect(health.status).toBe(200);
    }, 120_000);
  }
});

describe('web chat socket: every command survives malformed payloads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWebchatHarness({ burst: 10_000, messagesPerMinute: 60_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers each malformed payload with a readable refusal and keeps the session', async () => {
    const { socket } = await citizen(h);
    for (const [name, kind] of Object.entries(WEBCHAT_COMMANDS)) {
      for (const { label, payload } of hostilePayloads()) {
        const where = `${name} with ${label}`;
        if (kind === 'acked') expectReadableRefusal(await send(socket, name, payload), where);
        else socket.emit(name as 'typing:set', payload as never);
        expectNoPollution(where);
      }
      if (kind === 'acked') expectReadableRefusal(await send(socket, name, undefined, false), `${name} without payload`);
    }
    const sent = await send(socket, 'message:send', { clientId: 'fuzz-after-0001', text: 'Toujours là ?' });
    expect(sent.ok).toBe(true);
    expect(socket.connected).toBe(true);
  }, 60_000);
});
