import type { RequestHandler } from 'express';
import type { Permission } from '../../shared/index.js';
import type { SessionService } from '../auth/session-service.js';
import { requireStaff } from './session-middleware.js';

// Who may call each route of /api, in one table. Routes take their guard from it by key
// (`guard('GET /api/conversations/{id}')`), the OpenAPI document publishes it on each operation
// (`x-guichet-access`), and the access matrix test (server/test/access-matrix.test.ts) walks the
// real Express routes, requires each to be documented here, and checks every role against it.
//
// - `permissions`: the caller's role needs one of them (shared/permissions.ts); empty: any staff.
// - `resource`: the kind of thing the path's ids name. Citizens' files (conversation, citizen,
//   message) also obey the queue rule (shared/access.ts): outside the caller's reach, 404.
// - `listsFiles`: a collection of citizens' files, filtered by the same rule.

export type RouteResource = 'conversation' | 'citizen' | 'message' | 'replay' | 'annotation' | 'course' | 'account' | 'answer';

export type RouteAccess =
  | { auth: 'public'; why: string }
  | { auth: 'ingest-key' }
  | { auth: 'staff'; permissions: readonly Permission[]; resource?: RouteResource; listsFiles?: true };

const staff = (permissions: readonly Permission[], extra: { resource?: RouteResource; listsFiles?: true } = {}): RouteAccess => ({
  auth: 'staff',
  permissions,
  ...extra,
});

export const ROUTE_ACCESS = {
  'GET /api/openapi.json': { auth: 'public', why: 'the API description, no data' },
  'POST /api/auth/login': { auth: 'public', why: 'opens a session' },
  'POST /api/auth/login/second-factor': { auth: 'public', why: 'completes a sign-in with its challenge and code' },
  'GET /api/auth/sso': { auth: 'public', why: 'whether single sign-on is on, and its label' },
  'GET /api/auth/sso/start': { auth: 'public', why: 'sends the browser to the identity provider' },
  'GET /api/auth/sso/callback': { auth: 'public', why: 'the provider’s answer, checked (state, nonce, PKCE) before any session' },
  'POST /api/auth/logout': { auth: 'public', why: 'closes the session it is given, if any' },
  'GET /api/auth/me': staff([]),
  'GET /api/directory': staff(['agents:read']),
  'GET /api/conversations': staff(['inbox:read'], { listsFiles: true }),
  'GET /api/conversations/{id}': staff(['inbox:read'], { resource: 'conversation' }),
  'GET /api/mentions': staff(['inbox:read'], { listsFiles: true }),
  'GET /api/citizens/{id}': staff(['citizen:read'], { resource: 'citizen' }),
  'GET /api/citizens/{id}/timeline': staff(['citizen:read'], { resource: 'citizen' }),
  'GET /api/citizens/{id}/duplicates': staff(['citizen:merge'], { resource: 'citizen' }),
  'GET /api/citizens/{id}/merges': staff(['citizen:read'], { resource: 'citizen' }),
  // The profile: an agent edits a citizen they see; removing what a channel proved is checked by
  // the domain (identity:remove-proved), since it depends on the identity named in the body.
  'GET /api/citizens/{id}/profile-history': staff(['citizen:read'], { resource: 'citizen' }),
  'PUT /api/citizens/{id}/name': staff(['citizen:edit'], { resource: 'citizen' }),
  'PATCH /api/citizens/{id}/profile': staff(['citizen:edit'], { resource: 'citizen' }),
  'POST /api/citizens/{id}/notes': staff(['citizen:edit'], { resource: 'citizen' }),
  'POST /api/citizens/{id}/identities': staff(['citizen:edit'], { resource: 'citizen' }),
  'POST /api/citizens/{id}/identities/confirm': staff(['citizen:edit'], { resource: 'citizen' }),
  'POST /api/citizens/{id}/identities/remove': staff(['citizen:edit'], { resource: 'citizen' }),
  'GET /api/search': staff(['inbox:read'], { listsFiles: true }),
  'POST /api/inbound': { auth: 'ingest-key' },
  'GET /api/email/attachments/{messageId}/{index}': staff(['citizen:read'], { resource: 'message' }),
  'GET /api/reports/summary': staff(['reports:read']),
  'GET /api/reports/series': staff(['reports:read']),
  // Replays are masked and cross-queue by design (trainers teach from every service); a trainee
  // opens only the replays of their courses (decided in domain/replay).
  'GET /api/replays/conversations': staff(['replay:read']),
  'GET /api/replays/{kind}/{id}': staff(['replay:read', 'course:play'], { resource: 'replay' }),
  'POST /api/replays/{kind}/{id}/unmask': staff(['replay:unmask'], { resource: 'replay' }),
  'POST /api/replays/{kind}/{id}/annotations': staff(['replay:annotate'], { resource: 'replay' }),
  'PATCH /api/annotations/{id}': staff(['replay:annotate'], { resource: 'annotation' }),
  'DELETE /api/annotations/{id}': staff(['replay:annotate'], { resource: 'annotation' }),
  'GET /api/courses': staff(['training:manage', 'course:play']),
  'POST /api/courses': staff(['training:manage']),
  'GET /api/courses/{id}': staff(['training:manage', 'course:play'], { resource: 'course' }),
  'PUT /api/courses/{id}': staff(['training:manage'], { resource: 'course' }),
  'DELETE /api/courses/{id}': staff(['training:manage'], { resource: 'course' }),
  // The answer library: staff data every role reads, supervisors write.
  'GET /api/answers': staff(['answers:read']),
  'POST /api/answers': staff(['answers:manage']),
  'GET /api/answers/{id}': staff(['answers:read'], { resource: 'answer' }),
  'PUT /api/answers/{id}': staff(['answers:manage'], { resource: 'answer' }),
  'GET /api/answers/{id}/versions': staff(['answers:read'], { resource: 'answer' }),
  'GET /api/reports/answers': staff(['reports:read']),
  'GET /api/admin/accounts': staff(['staff:manage']),
  'POST /api/admin/accounts': staff(['staff:manage']),
  'PATCH /api/admin/accounts/{id}': staff(['staff:manage'], { resource: 'account' }),
  'POST /api/admin/accounts/{id}/deactivate': staff(['staff:manage'], { resource: 'account' }),
  'POST /api/admin/accounts/{id}/reactivate': staff(['staff:manage'], { resource: 'account' }),
  'POST /api/admin/accounts/{id}/password-link': staff(['staff:manage'], { resource: 'account' }),
  'POST /api/admin/accounts/{id}/second-factor/reset': staff(['staff:manage'], { resource: 'account' }),
  'GET /api/admin/settings/second-factor': staff(['settings:manage']),
  'PUT /api/admin/settings/second-factor': staff(['settings:manage']),
  'GET /api/admin/channels': staff(['settings:manage']),
  'GET /api/admin/routing': staff(['routing:manage']),
  'PUT /api/admin/routing': staff(['routing:manage']),
  'GET /api/admin/routing/history': staff(['routing:manage']),
  'POST /api/account/set-password': { auth: 'public', why: 'the one-time link is the credential' },
  'POST /api/account/password': staff([]),
  'POST /api/account/second-factor': staff([]),
  'POST /api/account/second-factor/confirm': staff([]),
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

/** The middleware of a staff route, from its entry: a session, and one of the permissions. */
export function guardFor(sessions: SessionService): (key: RouteKey) => RequestHandler {
  return (key) => {
    const access: RouteAccess = ROUTE_ACCESS[key];
    if (access.auth !== 'staff') throw new Error(`${key} is not a staff route`);
    return requireStaff(sessions, access.permissions);
  };
}
