import type { AppErrorBody, ErrorCode } from '../../shared/index.js';
import type { ErrorReason } from '../../shared/error-reasons.js';

/** An error the caller can act on; transports map `code` to a status (HTTP) or an ack error (socket). */
export class DomainError extends Error {
  readonly issues?: AppErrorBody['issues'];
  readonly reason?: ErrorReason;

  /** `detail`: field issues, or the reason the console words (shared/error-reasons.ts) with them. */
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
    detail?: AppErrorBody['issues'] | { reason?: ErrorReason; issues?: AppErrorBody['issues'] },
  ) {
    super(message);
    const { issues, reason } = Array.isArray(detail) ? { issues: detail, reason: undefined } : (detail ?? {});
    if (issues) this.issues = issues;
    if (reason) this.reason = reason;
  }

  toBody(): AppErrorBody {
    return { code: this.code, message: this.message, ...(this.reason ? { reason: this.reason } : {}), ...(this.issues ? { issues: this.issues } : {}) };
  }
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

/** A rejected payload, with one readable reason per field. */
export function invalidPayload(what: string, issues: readonly ZodLikeIssue[]): DomainError {
  const mapped = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = mapped[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid';
  return new DomainError('bad_request', `invalid ${what} (${summary})`, mapped);
}

interface SafeParser<T> {
  safeParse(raw: unknown): { success: true; data: T } | { success: false; error: { issues: readonly ZodLikeIssue[] } };
}

/** Validates a payload at a boundary, or rejects it with one readable reason per field. */
export function parseOrReject<T>(schema: SafeParser<T>, raw: unknown, what: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw invalidPayload(what, result.error.issues);
  return result.data;
}
