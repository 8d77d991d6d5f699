import { z } from 'zod';
import { QueueId } from './ids.js';
import { type Agent, Channel, Role } from './model.js';

// Staff administration (admins, in the console): accounts, one-time links, two-factor sign-in.

/** An account as the administration lists it: never a secret, only whether there is one. */
export interface StaffAccount extends Agent {
  active: boolean;
  /** Invited, and the link not used yet: no password. */
  pending: boolean;
  secondFactor: boolean;
  lastSignInAt: string | null;
  createdAt: string | null;
}

const Skills = z.array(z.string().trim().min(1).max(64)).max(50);
const Capacity = z.partialRecord(Channel, z.number().int().min(0).max(100));

export const InviteInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('not an email address')).pipe(z.string().max(320)),
  displayName: z.string().trim().min(1, 'a name is needed').max(120),
  role: Role,
  queueIds: z.array(QueueId).max(100).default([]),
  skills: Skills.default([]),
  capacity: Capacity.optional(),
});
export type InviteInput = z.input<typeof InviteInput>;

export const AccountPatch = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    role: Role,
    queueIds: z.array(QueueId).max(100),
    skills: Skills,
    capacity: Capacity,
  })
  .partial()
  .strict();
export type AccountPatch = z.input<typeof AccountPatch>;

/** What an admin is told after an invitation or a reset: the link went by mail, or is shown once. */
export interface OneTimeLinkResult {
  account: StaffAccount;
  /** `mail`: sent through the relay; `log`: no relay, printed in the server log. */
  delivery: 'mail' | 'log';
  expiresAt: string;
}

export const SetPasswordInput = z.object({ token: z.string().min(20).max(200), password: z.string().min(1).max(1024) });
export const ChangePasswordInput = z.object({ current: z.string().min(1).max(1024), next: z.string().min(1).max(1024) });
export const SecondFactorCode = z.object({ code: z.string().trim().min(6).max(32) });
export const SecondFactorLogin = z.object({
  email: z.string().trim().min(3).max(320),
  challenge: z.string().min(20).max(200),
  /** A 6-digit code of the authenticator, or one of the recovery codes. */
  code: z.string().trim().min(6).max(32),
});

/** Which roles must sign in with a second factor (an admin's setting). */
export const SecondFactorPolicy = z.object({ roles: z.array(Role).max(5) });
export type SecondFactorPolicy = z.infer<typeof SecondFactorPolicy>;

/** The answer of POST /api/auth/login when a password is right but more is needed. */
export interface SecondFactorChallenge {
  secondFactor: 'code' | 'enrol';
  /** Short-lived (5 min), single use: sent back with the code. */
  challenge: string;
  /** For `enrol`: the secret to add to an authenticator app (also as a QR code). */
  enrolment?: { secret: string; uri: string; qrSvg: string };
}

export interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Recovery codes, shown once when two-factor sign-in is turned on. */
export interface RecoveryCodes {
  codes: string[];
}

export type AccountAction =
  | 'invited'
  | 'updated'
  | 'deactivated'
  | 'reactivated'
  | 'password-link-sent'
  | 'password-set'
  | 'second-factor-enabled'
  | 'second-factor-reset';

export const ACCOUNT_ACTIONS = [
  'invited',
  'updated',
  'deactivated',
  'reactivated',
  'password-link-sent',
  'password-set',
  'second-factor-enabled',
  'second-factor-reset',
] as const satisfies readonly AccountAction[];


/** One channel on the admins' channels page: its state, never a secret. */
export interface ChannelStatus {
  channel: string;
  receiving: boolean;
  sending: boolean;
  /** The full URL to give the provider, when the channel has a webhook. */
  webhookUrl: string | null;
  notes: string[];
  lastInboundAt: string | null;
  lastError: { at: string; reason: string; final: boolean } | null;
}
