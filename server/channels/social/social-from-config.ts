import type { Config } from '../../config.js';
import type { ChannelModule } from '../channel-module.js';
import { metaChannel } from './meta/meta-module.js';
import { telegramChannel } from './telegram/telegram-module.js';

/** Meta (Messenger, Instagram, WhatsApp) and Telegram as main.ts configures them (README "Meta", "Telegram"). */
export function socialFromConfig(config: Config, say: (line: string) => void): ChannelModule[] {
  return [
    metaChannel(
      {
        appSecret: config.META_APP_SECRET,
        verifyToken: config.META_VERIFY_TOKEN,
        graphUrl: config.META_GRAPH_URL,
        graphVersion: config.META_GRAPH_VERSION,
        accessToken: config.META_ACCESS_TOKEN,
        whatsappPhoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
        pageAccessToken: config.META_PAGE_ACCESS_TOKEN,
      },
      say,
    ),
    telegramChannel({ botToken: config.TELEGRAM_BOT_TOKEN, secretToken: config.TELEGRAM_SECRET_TOKEN, apiUrl: config.TELEGRAM_API_URL }, say),
  ];
}
