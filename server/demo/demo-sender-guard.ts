import { CHANNELS, type Citizen } from '../../shared/index.js';
import { isFictitiousIdentity } from '../domain/fictitious.js';
import type { ChannelSender } from '../domain/outbox.js';

/**
 * A demo citizen is invented: every one holds a reserved e-mail address or a number of ARCEP's
 * fiction block (demo-people.ts), and nobody real does.
 */
export function isDemoCitizen(citizen: Pick<Citizen, 'identities'>): boolean {
  return citizen.identities.some(isFictitiousIdentity);
}

/**
 * Demo mode's last word on who puts a reply on the wire, whatever the environment configured:
 * a demo citizen's reply (the seeded history's, a survey, an agent trying the console) goes to
 * the sink, on every channel, the channels' own senders included. Someone real who writes in
 * during a trial (an e-mail to the SMTP listener, a chat in the widget) is answered through the
 * channel's real sender when there is one.
 */
export function demoGuardedSenders(real: readonly ChannelSender[], sink: (channel: ChannelSender['channel']) => ChannelSender): ChannelSender[] {
  return CHANNELS.map((channel) => {
    const own = real.find((s) => s.channel === channel);
    const fake = sink(channel);
    return {
      channel,
      send: (delivery) => (!own || isDemoCitizen(delivery.citizen) ? fake.send(delivery) : own.send(delivery)),
    };
  });
}
