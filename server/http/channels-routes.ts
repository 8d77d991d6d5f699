import { Router } from 'express';
import { CHANNELS, type ChannelStatus } from '../../shared/index.js';
import type { SessionService } from '../auth/session-service.js';
import type { ChannelDescription } from '../channels/channel-module.js';
import { lastDeliveryError } from '../domain/channel-health.js';
import type { Store } from '../domain/ports.js';
import { guardFor } from './route-access.js';

/** GET /api/admin/channels: each channel's state for the admins, from the modules' own words. */
export function channelsRoutes(deps: { store: Store; sessions: SessionService; channels: () => readonly ChannelDescription[]; publicUrl: () => string }): Router {
  const router = Router();
  router.get('/admin/channels', guardFor(deps.sessions)('GET /api/admin/channels'), async (_req, res) => {
    const described = deps.channels();
    const items: ChannelStatus[] = await Promise.all(
      CHANNELS.map(async (channel) => {
        const d = described.find((x) => x.channel === channel);
        const [lastInboundAt, lastError] = await Promise.all([deps.store.lastInboundAt(channel), lastDeliveryError(deps.store, channel)]);
        return {
          channel,
          receiving: d?.receiving ?? false,
          sending: d?.sending ?? false,
          webhookUrl: d?.webhookPath ? `${deps.publicUrl().replace(/\/+$/, '')}${d.webhookPath}` : null,
          notes: d?.notes ?? ['not configured'],
          lastInboundAt,
          lastError,
        };
      }),
    );
    res.json({ items });
  });
  return router;
}
