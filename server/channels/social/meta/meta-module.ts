import { Router } from 'express';
import { ReceiptDesk } from '../../../domain/delivery-receipts.js';
import type { ChannelSender } from '../../../domain/outbox.js';
import type { ChannelModule } from '../../channel-module.js';
import { disabled, Started } from '../../webhook-kit.js';
import { GraphSender } from './graph-sender.js';
import { metaRouter, type MetaServices } from './meta-webhook.js';

export interface MetaSettings {
  appSecret?: string | undefined;
  verifyToken?: string | undefined;
  graphUrl: string;
  graphVersion: string;
  /** WhatsApp Cloud API token. */
  accessToken?: string | undefined;
  whatsappPhoneNumberId?: string | undefined;
  /** Messenger and Instagram Page token; the WhatsApp token when unset. */
  pageAccessToken?: string | undefined;
}

/**
 * Messenger, Instagram and WhatsApp through one Meta app. Inbound needs META_APP_SECRET (without
 * it the routes answer 503 and never read a request); each sender needs its token, else replies on
 * that channel fail with "not configured".
 */
export function metaChannel(settings: MetaSettings, say: (line: string) => void = () => {}): ChannelModule {
  const started = new Started<MetaServices>();
  let desk: ReceiptDesk | null = null;
  const router = settings.appSecret
    ? metaRouter({ appSecret: settings.appSecret, verifyToken: settings.verifyToken, started })
    : Router().use(disabled('the Meta webhook is disabled: META_APP_SECRET is not set'));
  say(
    settings.appSecret
      ? `meta: webhook on /webhooks/meta${settings.verifyToken ? '' : ' (subscription handshake off: META_VERIFY_TOKEN is not set)'}`
      : 'meta: webhook disabled (META_APP_SECRET is not set)',
  );

  const senders: ChannelSender[] = [];
  const graph = { graphUrl: settings.graphUrl, version: settings.graphVersion };
  if (settings.accessToken && settings.whatsappPhoneNumberId) {
    senders.push(new GraphSender('whatsapp', { ...graph, accessToken: settings.accessToken, phoneNumberId: settings.whatsappPhoneNumberId }));
  } else {
    say('meta: WhatsApp replies off (META_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID are needed)');
  }
  const pageToken = settings.pageAccessToken ?? settings.accessToken;
  if (pageToken) {
    senders.push(new GraphSender('messenger', { ...graph, accessToken: pageToken }), new GraphSender('instagram', { ...graph, accessToken: pageToken }));
  } else {
    say('meta: Messenger and Instagram replies off (neither META_PAGE_ACCESS_TOKEN nor META_ACCESS_TOKEN is set)');
  }

  const receiving = Boolean(settings.appSecret);
  const off = receiving ? [] : ['inbound off: META_APP_SECRET is not set'];
  return {
    name: 'meta',
    routes: { mountPath: '/webhooks/meta', router },
    senders,
    describe: () =>
      (['whatsapp', 'messenger', 'instagram'] as const).map((channel) => {
        const sending = senders.some((s) => s.channel === channel);
        const missing = channel === 'whatsapp' ? 'META_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID' : 'META_PAGE_ACCESS_TOKEN (or META_ACCESS_TOKEN)';
        return {
          channel,
          receiving,
          sending,
          webhookPath: '/webhooks/meta',
          notes: [...off, ...(sending ? [] : [`replies off: ${missing} needed`]), ...(receiving && !settings.verifyToken ? ['subscription handshake off: META_VERIFY_TOKEN is not set'] : [])],
        };
      }),
    async start(ctx) {
      desk = new ReceiptDesk({ store: ctx.store, bus: ctx.bus, clock: ctx.clock, log: ctx.log });
      desk.start();
      started.set({ ingest: ctx.ingest, receipts: desk, log: ctx.log });
      return async () => {
        started.set(null);
        desk?.stop();
      };
    },
  };
}
