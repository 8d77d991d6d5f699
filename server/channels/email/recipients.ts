/**
 * The addresses the SMTP listener takes mail for, from SMTP_DOMAINS: `contact@mairie.example`
 * accepts that address, `mairie.example` any address of that domain. Anything else is refused at
 * RCPT TO, so the listener can never be used as a relay.
 */
export interface RecipientPolicy {
  accepts(address: string): boolean;
  /** The listed entries, for the start-up log. */
  readonly entries: readonly string[];
  /** The first full address listed, else `contact@` the first domain: our From by default. */
  readonly defaultAddress: string | undefined;
}

export function recipientPolicy(list: string): RecipientPolicy {
  const entries = list
    .split(/[\s,;]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const addresses = new Set(entries.filter((e) => e.includes('@')));
  const domains = new Set(entries.filter((e) => !e.includes('@')));
  const firstAddress = [...addresses][0];
  const firstDomain = [...domains][0];
  return {
    entries,
    defaultAddress: firstAddress ?? (firstDomain ? `contact@${firstDomain}` : undefined),
    accepts(address) {
      const normalized = address.trim().toLowerCase();
      const at = normalized.lastIndexOf('@');
      if (at <= 0) return false;
      return addresses.has(normalized) || domains.has(normalized.slice(at + 1));
    },
  };
}
