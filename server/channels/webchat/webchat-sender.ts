import type { ChannelSender, OutboundDelivery, SendOutcome } from '../../domain/outbox.js';
import { webchatRooms, type WebchatNamespace } from './webchat-socket.js';
import { toWidgetMessage } from './widget-messages.js';

/**
 * Puts agent replies into the citizen's open widgets. `delivered` when at least one widget is
 * connected (the room is counted across instances through the adapter), else `sent`: the widget
 * fetches its history when it next connects, so nothing is retried.
 */
export class WebchatSender implements ChannelSender {
  readonly channel = 'webchat' as const;
  private nsp: WebchatNamespace | null = null;

  /** The namespace exists once the module starts; the outbox starts after the modules. */
  attach(nsp: WebchatNamespace | null): void {
    this.nsp = nsp;
  }

  async send({ message, citizen }: OutboundDelivery): Promise<SendOutcome> {
    if (!this.nsp) throw new Error('the web chat is not started');
    const shown = toWidgetMessage({ ...message, status: 'delivered' });
    if (!shown) return { status: 'sent' };
    const room = webchatRooms.citizen(citizen.id);
    const present = await this.nsp.in(room).fetchSockets();
    this.nsp.to(room).emit('message:received', present.length > 0 ? shown : { ...shown, status: 'sent' });
    return { status: present.length > 0 ? 'delivered' : 'sent' };
  }
}
