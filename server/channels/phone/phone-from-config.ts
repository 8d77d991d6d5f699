import type { Config } from '../../config.js';
import type { ChannelModule } from '../channel-module.js';
import { phoneChannel } from './phone-module.js';

/** The phone channel as main.ts configures it (README "Phone"). */
export function phoneFromConfig(config: Config, say: (line: string) => void): ChannelModule {
  return phoneChannel({ publicUrl: config.PUBLIC_URL, twilioAuthToken: config.TWILIO_AUTH_TOKEN, voiceWebhookSecret: config.VOICE_WEBHOOK_SECRET }, say);
}
