import { appendFile } from 'node:fs/promises';
import type { Channel } from '../../shared/index.js';
import type { ChannelSender, OutboundDelivery } from '../domain/outbox.js';

/**
 * Demo mode only: the demo citizens are invented, so their replies must go nowhere real. Each
 * reply is appended to a JSON-lines file instead, where a curious newcomer can read what would
 * have been sent, and is journaled as sent like any other.
 */
export function demoSinkSender(channel: Channel, file: string): ChannelSender {
  return {
    channel,
    async send(delivery: OutboundDelivery) {
      const line = { at: new Date().toISOString(), channel, to: delivery.to.value, messageId: delivery.message.id, text: delivery.message.text };
      await appendFile(file, `${JSON.stringify(line)}\n`, 'utf8');
      return { providerMessageId: `demo-${delivery.message.id}` };
    },
  };
}
