import { Router } from 'express';
import { CallService } from '../../domain/calls.js';
import type { ChannelModule } from '../channel-module.js';
import { disabled, Started } from '../webhook-kit.js';
import { twilioRouter, type PhoneServices } from './twilio-webhook.js';
import { voiceRouter } from './voice-webhook.js';

export interface PhoneSettings {
  /** External base URL Twilio calls; its signature covers it. */
  publicUrl?: string | undefined;
  twilioAuthToken?: string | undefined;
  voiceWebhookSecret?: string | undefined;
}

/**
 * The phone channel: call events in, no sender (a call is logged, not sent). Each webhook is on
 * only when its secret is set; otherwise its route answers 503 with the reason and never reads
 * the request, so unsigned traffic is never accepted.
 */
export function phoneChannel(settings: PhoneSettings, say: (line: string) => void = () => {}): ChannelModule {
  const started = new Started<PhoneServices>();
  const router = Router();

  let twilioOff: string | null = null;
  if (!settings.twilioAuthToken) twilioOff = 'the Twilio voice webhook is disabled: TWILIO_AUTH_TOKEN is not set';
  else if (!settings.publicUrl) twilioOff = 'the Twilio voice webhook is disabled: PUBLIC_URL is not set (Twilio signs the public URL it calls)';
  if (twilioOff || !settings.twilioAuthToken || !settings.publicUrl) router.use('/twilio', disabled(twilioOff ?? ''));
  else router.use('/twilio', twilioRouter({ authToken: settings.twilioAuthToken, publicUrl: settings.publicUrl, started }));
  say(twilioOff ? `phone: ${twilioOff}` : `phone: Twilio voice callbacks on ${settings.publicUrl}/webhooks/voice/twilio`);

  const voiceOff = settings.voiceWebhookSecret ? null : 'the generic call-event webhook is disabled: VOICE_WEBHOOK_SECRET is not set';
  if (voiceOff || !settings.voiceWebhookSecret) router.post('/', disabled(voiceOff ?? ''));
  else router.use('/', voiceRouter({ secret: settings.voiceWebhookSecret, started }));
  say(voiceOff ? `phone: ${voiceOff}` : 'phone: generic call events on POST /webhooks/voice');

  return {
    name: 'phone',
    routes: { mountPath: '/webhooks/voice', router },
    describe: () => [
      {
        channel: 'phone',
        receiving: !twilioOff || !voiceOff,
        // Calls are logged, never sent.
        sending: false,
        webhookPath: twilioOff ? '/webhooks/voice' : '/webhooks/voice/twilio',
        notes: [
          twilioOff ? `Twilio off: ${twilioOff.replace(/^the Twilio voice webhook is disabled: /, '')}` : 'Twilio status and recording callbacks on /webhooks/voice/twilio',
          voiceOff ? 'generic PBX events off: VOICE_WEBHOOK_SECRET is not set' : 'generic PBX events on POST /webhooks/voice',
        ],
      },
    ],
    async start(ctx) {
      started.set({ calls: new CallService({ store: ctx.store, bus: ctx.bus, clock: ctx.clock, ingest: ctx.ingest }), now: () => ctx.clock.now() });
      return async () => started.set(null);
    },
  };
}
