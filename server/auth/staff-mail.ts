import nodemailer from 'nodemailer';
import type { StaffMailer } from './account-service.js';

/** One-time links through the town's relay (SMTP_RELAY_URL), From the town's address. */
export function relayMailer(relayUrl: string, from: string): StaffMailer {
  const transport = nodemailer.createTransport(relayUrl);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text });
      return 'mail';
    },
  };
}

/**
 * Without a relay the link is printed in the server's log, once: the admin hands it over. It is
 * never stored in clear, so it cannot be shown again (send a new one).
 */
export function logMailer(log: (line: string) => void): StaffMailer {
  return {
    async send(to, subject, text) {
      const link = /https?:\/\/\S+/.exec(text)?.[0] ?? '(no link)';
      log(`staff mail to ${to} (${subject}) not sent, no SMTP_RELAY_URL; its one-time link, shown once: ${link}`);
      return 'log';
    },
  };
}
