import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Conversation, Message } from '../../../shared/index.js';
import { replySubject } from '../../domain/agent-commands.js';
import { PermanentSendError, type ChannelSender, type OutboundDelivery, type SendOutcome } from '../../domain/outbox.js';
import type { Store } from '../../domain/ports.js';
import { outboundMessageId, replyHeaders, withSubjectToken } from './threading-headers.js';

export interface SmtpSenderOptions {
  /** `smtp://host:port` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  relayUrl: string;
  /** The town's address, e.g. `Mairie de Lyon <contact@mairie.example>`. */
  from: string;
  /** Right-hand side of our Message-IDs. */
  messageIdDomain: string;
  /** Reads the conversation's earlier mails, whose ids the reply must reference. */
  store: Store;
}

// How far back a reply looks for the thread it belongs to.
const THREAD_WINDOW = 200;

/**
 * Puts agents' email replies on the wire through the town's relay. The Message-ID is derived
 * from the Guichet message id, so the outbox's retries resend the same message (the idempotency
 * key a mail system understands), and it is returned as the provider id: it becomes the reply's
 * externalId, which is what the citizen's In-Reply-To will name.
 */
export class SmtpSender implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly options: SmtpSenderOptions) {
    this.transport = nodemailer.createTransport(options.relayUrl, { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  }

  async send({ message, conversation, citizen, to }: OutboundDelivery): Promise<SendOutcome> {
    const messageId = outboundMessageId(message.id, this.options.messageIdDomain);
    const thread = replyHeaders(await this.threadIds(message, conversation));
    // A conversation begun on another channel has no subject to answer: it gets a plain one.
    const base = message.subject ?? (conversation.subject ? replySubject(conversation.subject) : 'Votre demande auprès de la mairie');
    const subject = withSubjectToken(base, conversation.id);
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: { name: citizen.displayName, address: to.value },
        subject,
        text: message.text,
        messageId,
        date: new Date(message.at),
        ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
        ...(thread.references ? { references: thread.references } : {}),
      });
    } catch (err) {
      const code = (err as { responseCode?: unknown }).responseCode;
      // 5xx is the relay's final word (unknown recipient, policy); anything else is retried.
      if (typeof code === 'number' && code >= 500 && code < 600) {
        throw new PermanentSendError(`the mail relay refused the message: ${(err as Error).message}`, { cause: err, failure: 'relay_refused' });
      }
      throw err;
    }
    return { providerMessageId: messageId, status: 'sent' };
  }

  close(): void {
    this.transport.close();
  }

  /** Message-IDs of the conversation's earlier mails, oldest first. */
  private async threadIds(message: Message, conversation: Conversation): Promise<string[]> {
    const page = await this.options.store.timeline(conversation.citizenId, { limit: THREAD_WINDOW });
    return page.items
      .filter((m) => m.conversationId === conversation.id && m.channel === 'email' && m.id !== message.id && m.at <= message.at)
      .flatMap((m) => (m.externalId && m.direction !== 'note' ? [m.externalId] : []));
  }
}
