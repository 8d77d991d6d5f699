import { z } from 'zod';

/** One website allowed to embed the widget. */
export interface WebchatSite {
  id: string;
  /** Origins (scheme://host[:port]) whose pages may open a session; the server's own is always allowed. */
  origins: readonly string[];
  /** Verified mode: the HMAC secret shared with the site's citizen portal; null disables it. */
  secret: string | null;
  /** Shown to visitors when no agent is connected. */
  contactEmail: string | null;
}

export interface WebchatLimits {
  /** Longest message a visitor may send, in characters. */
  maxLength: number;
  /** Sustained message rate per session... */
  messagesPerMinute: number;
  /** ...after a burst of this many. */
  burst: number;
  /** New sessions one address may open per minute. */
  sessionsPerIpPerMinute: number;
}

export const DEFAULT_LIMITS: WebchatLimits = { maxLength: 2000, messagesPerMinute: 20, burst: 5, sessionsPerIpPerMinute: 10 };

export const DEFAULT_SITE_ID = 'default';

export class WebchatConfigError extends Error {}

const Origin = z.string().transform((raw, ctx) => {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url.origin;
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${raw}" is not an origin like https://www.mairie-exemple.fr` });
    return z.NEVER;
  }
});

const Site = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'site ids are lower-case letters, digits, - and _'),
  origins: z.array(Origin).default([]),
  secret: z.string().min(32, 'a verified-mode secret must be at least 32 characters').nullish(),
  contactEmail: z.email().nullish(),
});

export interface WebchatEnv {
  /** `WEBCHAT_SITES`: a JSON array of `{id, origins, secret?, contactEmail?}`. */
  sites?: string | undefined;
  /** `WEBCHAT_ALLOWED_ORIGINS`, comma-separated: origins of the `default` site. */
  allowedOrigins?: string | undefined;
  /** `WEBCHAT_SECRET`: verified-mode secret of the `default` site. */
  secret?: string | undefined;
  /** `WEBCHAT_CONTACT_EMAIL`: contact address of the `default` site. */
  contactEmail?: string | undefined;
}

/**
 * The `default` site (same-origin pages such as /widget-demo, plus WEBCHAT_ALLOWED_ORIGINS) and
 * the sites of WEBCHAT_SITES; a WEBCHAT_SITES entry with id `default` replaces the former.
 */
export function webchatSitesFromEnv(env: WebchatEnv): WebchatSite[] {
  const base = Site.safeParse({
    id: DEFAULT_SITE_ID,
    origins: (env.allowedOrigins ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    secret: env.secret || null,
    contactEmail: env.contactEmail || null,
  });
  if (!base.success) throw new WebchatConfigError(`web chat: ${describe(base.error)}`);
  let extra: unknown = [];
  if (env.sites?.trim()) {
    try {
      extra = JSON.parse(env.sites);
    } catch {
      throw new WebchatConfigError('WEBCHAT_SITES is not valid JSON');
    }
  }
  const listed = z.array(Site).safeParse(extra);
  if (!listed.success) throw new WebchatConfigError(`WEBCHAT_SITES: ${describe(listed.error)}`);
  const sites = new Map<string, WebchatSite>();
  for (const s of [base.data, ...listed.data]) {
    sites.set(s.id, { id: s.id, origins: s.origins, secret: s.secret ?? null, contactEmail: s.contactEmail ?? null });
  }
  return [...sites.values()];
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}
