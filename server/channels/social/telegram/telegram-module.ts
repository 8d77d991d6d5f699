import { Router } from 'express';
import type { ChannelModule } from '../../channel-module.js';
import { disabled, Started } from '../../webhook-kit.js';
import { TelegramSender } from './telegram-sender.js';
import { telegramRouter, type TelegramServices } from './telegram-webhook.js';

export interface TelegramChannelSettings {
  botToken?: string | undefined;
  secretToken?: string | undefined;
  apiUrl: string;
}

/** Telegram: inbound needs TELEGRAM_SECRET_TOKEN, replies need TELEGRAM_BOT_TOKEN. */
export function telegramChannel(settings: TelegramChannelSettings, say: (line: string) => void = () => {}): ChannelModule {
  const started = new Started<TelegramServices>();
  const router = settings.secretToken
    ? telegramRouter({ secretToken: settings.secretToken, started })
    : Router().use(disabled('the Telegram webhook is disabled: TELEGRAM_SECRET_TOKEN is not set'));
  say(settings.secretToken ? 'telegram: webhook on /webhooks/telegram' : 'telegram: webhook disabled (TELEGRAM_SECRET_TOKEN is not set)');
  if (!settings.botToken) say('telegram: replies off (TELEGRAM_BOT_TOKEN is not set)');
  return {
    name: 'telegram',
    routes: { mountPath: '/webhooks/telegram', router },
    senders: settings.botToken ? [new TelegramSender({ apiUrl: settings.apiUrl, botToken: settings.botToken })] : [],
    describe: () => [
      {
        channel: 'telegram',
        receiving: Boolean(settings.secretToken),
        sending: Boolean(settings.botToken),
        webhookPath: '/webhooks/telegram',
        notes: [...(settings.secretToken ? [] : ['inbound off: TELEGRAM_SECRET_TOKEN is not set']), ...(settings.botToken ? [] : ['replies off: TELEGRAM_BOT_TOKEN is not set'])],
      },
    ],
    async start(ctx) {
      started.set({ ingest: ctx.ingest, log: ctx.log });
      return async () => started.set(null);
    },
  };
}
