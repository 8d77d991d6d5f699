import { startFakeHttp, type CannedAnswer, type FakeHttp, type RecordedRequest } from './fake-http.js';

// Meta's Graph API for message sends, as documented: WhatsApp Cloud API
// POST /{version}/{phone-number-id}/messages and Messenger/Instagram POST /{version}/me/messages,
// Bearer tokens, Graph error objects ({error: {message, type, code, fbtrace_id}}).

export interface FakeGraphOptions {
  version: string;
  whatsappToken: string;
  phoneNumberId: string;
  pageToken: string;
}

export function graphError(status: number, message: string, code: number): CannedAnswer {
  return { status, body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGh' } } };
}

export async function startFakeGraphApi(options: FakeGraphOptions): Promise<FakeHttp> {
  let counter = 0;
  return startFakeHttp((req: RecordedRequest): CannedAnswer => {
    const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method !== 'POST') return graphError(400, 'Unsupported get request.', 100);
    if (req.path === `/${options.version}/${options.phoneNumberId}/messages`) {
      if (bearer !== options.whatsappToken) return graphError(401, 'Invalid OAuth access token - Cannot parse access token', 190);
      const text = body.text as { body?: unknown } | undefined;
      if (body.messaging_product !== 'whatsapp' || typeof body.to !== 'string' || !/^\d+$/.test(body.to) || body.type !== 'text' || typeof text?.body !== 'string') {
        return graphError(400, '(#100) Invalid parameter', 100);
      }
      counter += 1;
      return {
        status: 200,
        body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.FAKE${counter}` }] },
      };
    }
    if (req.path === `/${options.version}/me/messages`) {
      if (bearer !== options.pageToken) return graphError(401, 'Invalid OAuth access token - Cannot parse access token', 190);
      const recipient = body.recipient as { id?: unknown } | undefined;
      const message = body.message as { text?: unknown } | undefined;
      if (typeof recipient?.id !== 'string' || typeof message?.text !== 'string') return graphError(400, '(#100) param recipient must be non-empty.', 100);
      counter += 1;
      return { status: 200, body: { recipient_id: recipient.id, message_id: `m_FAKE${counter}` } };
    }
    return graphError(400, `Unknown path components: ${req.path}`, 2500);
  });
}
