import { startFakeHttp, type CannedAnswer, type FakeHttp, type RecordedRequest } from './fake-http.js';

// Telegram's Bot API sendMessage, as documented: POST /bot<token>/sendMessage with {chat_id, text},
// answers {ok: true, result: Message} or {ok: false, error_code, description}.

export function botApiError(status: number, description: string): CannedAnswer {
  return { status, body: { ok: false, error_code: status, description } };
}

export async function startFakeTelegramApi(options: { botToken: string }): Promise<FakeHttp> {
  let messageId = 100;
  return startFakeHttp((req: RecordedRequest): CannedAnswer => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!match || match[1] !== options.botToken) return botApiError(401, 'Unauthorized');
    if (match[2] !== 'sendMessage') return botApiError(404, 'Not Found: method not found');
    const body = (req.body ?? {}) as { chat_id?: unknown; text?: unknown };
    if (body.chat_id === undefined || body.chat_id === '') return botApiError(400, 'Bad Request: chat_id is empty');
    if (typeof body.text !== 'string' || body.text.length === 0) return botApiError(400, 'Bad Request: message text is empty');
    messageId += 1;
    const chatId = Number(body.chat_id);
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: messageId,
          from: { id: 999, is_bot: true, first_name: 'Mairie', username: 'mairie_bot' },
          chat: { id: chatId, type: 'private' },
          date: Math.floor(Date.now() / 1000),
          text: body.text,
        },
      },
    };
  });
}
