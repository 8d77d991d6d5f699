// WhatsApp Cloud API webhook bodies as Meta posts them (one change of field "messages"), for the
// tests that sign and post them to /webhooks/meta.

function whatsappChange(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '33140000000', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** One text message from `from` (digits of the number, as WhatsApp gives them). */
export function whatsappMessage(o: { phoneNumberId: string; from: string; id: string; text: string; at?: Date; name?: string }) {
  return whatsappChange(o.phoneNumberId, {
    contacts: [{ profile: { name: o.name ?? 'Jeanne Dupont' }, wa_id: o.from }],
    messages: [
      { from: o.from, id: o.id, timestamp: String(Math.floor((o.at ?? new Date()).getTime() / 1000)), type: 'text', text: { body: o.text } },
    ],
  });
}

/** A delivery receipt (sent, delivered, read, failed) for a message we sent to `recipient`. */
export function whatsappStatus(o: { phoneNumberId: string; id: string; status: string; recipient: string; errors?: unknown[] }) {
  return whatsappChange(o.phoneNumberId, {
    statuses: [
      { id: o.id, status: o.status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: o.recipient, ...(o.errors ? { errors: o.errors } : {}) },
    ],
  });
}
