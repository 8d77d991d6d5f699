import { z } from 'zod';
import { AccountPatch, ChangePasswordInput, InviteInput, SecondFactorCode, SecondFactorLogin, SecondFactorPolicy, SetPasswordInput } from '../../shared/index.js';

// Staff administration and one's own account, for the OpenAPI document (openapi.ts merges it).

const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
const json = (s: unknown) => ({ 'application/json': { schema: s } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: json(ref('Error')) });
const errors = { 400: problem('Malformed request'), 401: problem('Not logged in'), 403: problem('Role not allowed') };
const id = { name: 'id', in: 'path', required: true, description: 'account (agent) id', schema: { type: 'string' } };
const body = (name: string) => ({ required: true, content: json(ref(name)) });
const account = (summary: string) => ({
  post: { summary, parameters: [id], responses: { 200: { description: 'The account' }, 404: problem('Unknown'), ...errors } },
});

export const accountSchemas = {
  InviteInput: schema(InviteInput),
  AccountPatch: schema(AccountPatch),
  SetPasswordInput: schema(SetPasswordInput),
  ChangePasswordInput: schema(ChangePasswordInput),
  SecondFactorCode: schema(SecondFactorCode),
  SecondFactorLogin: schema(SecondFactorLogin),
  SecondFactorPolicy: schema(SecondFactorPolicy),
};

export const accountPaths = {
  '/api/admin/channels': {
    get: {
      summary: 'Each channel: receiving, sending, the webhook URL to give the provider, the last message in and the last delivery error; never a secret',
      responses: { 200: { description: '{ items: ChannelStatus[] }' }, ...errors },
    },
  },
  '/api/admin/routing': {
    get: {
      summary: 'The routing setup in ROUTING_FILE’s format (calendars, queues with service levels and rules, staff routing); its version is the ETag',
      responses: { 200: { description: 'The setup' }, ...errors },
    },
    put: {
      summary: 'Replace the routing setup (same validation as the file); applied on every instance without restart, journaled. Supervisors change their own queues only. If-Match: "version" refuses a stale edit',
      requestBody: { required: true, content: json({ type: 'object' }) },
      responses: { 200: { description: '{ version, change }' }, 409: problem('Changed meanwhile'), ...errors },
    },
  },
  '/api/admin/routing/history': { get: { summary: 'The last 50 versions of the routing setup: when, who, what', responses: { 200: { description: '{ items }' }, ...errors } } },
  '/api/auth/sso': { get: { summary: 'Whether single sign-on (OpenID Connect) is on, and the label of its button', security: [], responses: { 200: { description: '{ enabled, label? }' } } } },
  '/api/auth/sso/start': { get: { summary: 'Sends the browser to the identity provider (authorisation code, PKCE S256, state, nonce)', security: [], responses: { 302: { description: 'To the provider' } } } },
  '/api/auth/sso/callback': {
    get: {
      summary: 'The provider sends the browser back here: an active account of the verified email gets a session (cookie) and the console; else /login?sso=<reason>',
      security: [],
      responses: { 302: { description: 'To the console, or to the sign-in page with the reason (expired, provider, unverified, unknown-account)' } },
    },
  },
  '/api/auth/login/second-factor': {
    post: {
      summary: 'Complete a sign-in: the challenge of POST /api/auth/login with a code of the authenticator (or a recovery code); after an enrolment, the recovery codes come back once',
      security: [],
      requestBody: body('SecondFactorLogin'),
      responses: { 200: { description: 'Session opened' }, 401: problem('Wrong or expired code'), 429: problem('Too many attempts') },
    },
  },
  '/api/admin/accounts': {
    get: { summary: 'Every staff account (admins): role, queues, state, last sign-in', responses: { 200: { description: '{ items: StaffAccount[] }' }, ...errors } },
    post: {
      summary: 'Invite a member of staff: a one-time link (72 h) is mailed through the relay, or printed once in the log',
      requestBody: body('InviteInput'),
      responses: { 201: { description: 'Invited' }, 409: problem('An account with this email exists'), ...errors },
    },
  },
  '/api/admin/accounts/{id}': {
    patch: { summary: 'Change name, role, queues, skills or capacity', parameters: [id], requestBody: body('AccountPatch'), responses: { 200: { description: 'The account' }, 404: problem('Unknown'), ...errors } },
  },
  '/api/admin/accounts/{id}/deactivate': account('Deactivate: no sign-in, every session and console closed at once, on every instance'),
  '/api/admin/accounts/{id}/reactivate': account('Reactivate a deactivated account'),
  '/api/admin/accounts/{id}/password-link': account('A new one-time link: the invitation again, or a password reset (24 h)'),
  '/api/admin/accounts/{id}/second-factor/reset': account('Turn off the second factor of someone who lost their phone (they enrol again)'),
  '/api/admin/settings/second-factor': {
    get: { summary: 'Roles that must sign in with a second factor', responses: { 200: { description: 'The policy', content: json(ref('SecondFactorPolicy')) }, ...errors } },
    put: { summary: 'Set the roles that must sign in with a second factor', requestBody: body('SecondFactorPolicy'), responses: { 200: { description: 'The policy' }, ...errors } },
  },
  '/api/account/set-password': {
    post: {
      summary: 'Choose a password with a one-time link (public: the link is the credential). At least 12 characters, not a breached password',
      security: [],
      requestBody: body('SetPasswordInput'),
      responses: { 200: { description: '{ email }' }, 400: problem('Password refused, with the reason'), 404: problem('Link unknown, used or expired'), 429: problem('Too many attempts') },
    },
  },
  '/api/account/password': {
    post: { summary: 'Change one’s own password', requestBody: body('ChangePasswordInput'), responses: { 204: { description: 'Changed' }, ...errors } },
  },
  '/api/account/second-factor': {
    post: { summary: 'Start one’s own two-factor enrolment: a secret and its QR code', responses: { 200: { description: '{ secret, uri, qrSvg }' }, ...errors } },
  },
  '/api/account/second-factor/confirm': {
    post: { summary: 'Confirm the enrolment with a first code; the recovery codes are shown once', requestBody: body('SecondFactorCode'), responses: { 200: { description: '{ codes }' }, ...errors } },
  },
};
