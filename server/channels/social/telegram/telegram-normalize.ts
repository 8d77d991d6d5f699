import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../../../shared/index.js';

// A Telegram Bot API Update, as much of it as Guichet reads. Only messages of private chats are
// kept: there chat.id equals the sender's user id, which is both the citizen's identity and where
// replies go, so nothing else needs storing. Groups and channels are not a citizen talking to the town.

const File = z.object({ file_id: z.string(), file_name: z.string().optional(), mime_type: z.string().optional(), file_size: z.number().optional() });
const TelegramMessage = z.object({
  message_id: z.number().int(),
  from: z.object({ id: z.number().int(), is_bot: z.boolean().optional(), first_name: z.string().optional(), last_name: z.string().optional(), username: z.string().optional() }).optional(),
  chat: z.object({ id: z.number().int(), type: z.string() }),
  date: z.number().int().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ file_id: z.string(), file_size: z.number().optional() })).optional(),
  document: File.optional(),
  voice: File.optional(),
  audio: File.optional(),
  video: File.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});
export const TelegramUpdate = z.object({ update_id: z.number().int(), message: TelegramMessage.optional() });

export type TelegramReading = { message: InboundMessage } | { ignored: string };

function attachmentsOf(m: z.output<typeof TelegramMessage>): Attachment[] {
  const out: Attachment[] = [];
  // Telegram sends a photo in several sizes; the largest one stands for it.
  const photo = m.photo?.at(-1);
  if (photo) out.push({ name: `photo-${photo.file_id}`.slice(0, 255), contentType: 'image/jpeg', size: photo.file_size ?? 0 });
  for (const [kind, file] of [['document', m.document], ['voice', m.voice], ['audio', m.audio], ['video', m.video]] as const) {
    if (!file) continue;
    out.push({ name: (file.file_name ?? `${kind}-${file.file_id}`).slice(0, 255), contentType: (file.mime_type ?? 'application/octet-stream').slice(0, 255), size: file.file_size ?? 0 });
  }
  return out;
}

export function readTelegramUpdate(json: unknown): TelegramReading {
  const parsed = TelegramUpdate.safeParse(json);
  if (!parsed.success) return { ignored: 'not a Telegram update' };
  const m = parsed.data.message;
  if (!m) return { ignored: `update ${parsed.data.update_id} carries no new message` };
  if (m.chat.type !== 'private' || !m.from || m.from.is_bot) return { ignored: `message in a ${m.chat.type} chat` };
  const name = [m.from.first_name, m.from.last_name].filter(Boolean).join(' ') || m.from.username;
  const attachments = attachmentsOf(m);
  const text = m.text ?? m.caption ?? (m.location ? `${m.location.latitude}, ${m.location.longitude}` : '');
  return {
    message: {
      channel: 'telegram',
      // message_id is unique within a chat, and a private chat is one citizen.
      externalId: `${m.chat.id}:${m.message_id}`,
      // The bot API vouches for the account the update comes from.
      from: { kind: 'telegram', value: String(m.from.id), level: 'channel', ...(name ? { displayName: name } : {}) },
      text,
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(m.date ? { providerAt: new Date(m.date * 1000).toISOString() } : {}),
    },
  };
}
