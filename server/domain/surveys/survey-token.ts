import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a survey link stands for. The link is the citizen's only credential, so it is signed. */
export interface SurveyTicket {
  surveyId: string;
  conversationId: string;
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`survey:${body}`).digest('base64url');
}

export function signSurveyToken(secret: string, ticket: SurveyTicket): string {
  const body = Buffer.from(JSON.stringify([ticket.surveyId, ticket.conversationId])).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The ticket of a genuine token, or null (forged, truncated, or another deployment's). */
export function verifySurveyToken(secret: string, token: string): SurveyTicket | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || token.length > 400) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === 'string')) return null;
    const [surveyId, conversationId] = parsed as [string, string];
    return { surveyId, conversationId };
  } catch {
    return null;
  }
}
