import type { TFunction } from 'i18next';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import type { Alert } from './alertRules.js';

/** An alert in words: the notification's title and body; both together are what screen readers hear. */
export function describeAlert(alert: Alert, t: TFunction): { title: string; body: string } {
  // A desktop notification is read outside the console: the one naming rule applies there too.
  const name = alert.citizenName ? displayText(citizenNameDisplay(alert.citizenName, alert.citizenChannels ?? (alert.channel ? [alert.channel] : [])), t) : t('alerts.someone');
  switch (alert.kind) {
    case 'offer':
      return { title: t('alerts.offer.title'), body: t('alerts.offer.body', { name }) };
    case 'message':
      return {
        title: t('alerts.message.title'),
        body: alert.channel ? t('alerts.message.bodyOn', { name, channel: t(`channel.${alert.channel}`) }) : t('alerts.message.body', { name }),
      };
    case 'mention':
      return { title: alert.by ? t('alerts.mention.titleBy', { by: alert.by }) : t('alerts.mention.title'), body: t('alerts.mention.body', { name }) };
  }
}
