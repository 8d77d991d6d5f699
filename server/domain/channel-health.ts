import type { Channel } from '../../shared/index.js';
import type { Store } from './ports.js';

// The last delivery error of each channel, for the admins' channels page: kept as a setting by
// the outbox worker when a send fails (a write per failure, none per success).

export interface DeliveryError {
  at: string;
  reason: string;
  /** True when the reply was given up (refused for good, or out of retries). */
  final: boolean;
}

const key = (channel: Channel) => `channel-error:${channel}`;

export async function recordDeliveryError(store: Pick<Store, 'saveSetting'>, channel: Channel, error: DeliveryError): Promise<void> {
  await store.saveSetting(key(channel), { ...error, reason: error.reason.slice(0, 300) });
}

export async function lastDeliveryError(store: Pick<Store, 'getSetting'>, channel: Channel): Promise<DeliveryError | null> {
  const value = (await store.getSetting(key(channel))) as Partial<DeliveryError> | null;
  return value && typeof value.at === 'string' && typeof value.reason === 'string' ? { at: value.at, reason: value.reason, final: value.final === true } : null;
}
