import type { AccountPatch, ChannelStatus, InviteInput, OneTimeLinkResult, StaffAccount } from '../../../shared/staff.js';
import type { Role } from '../../../shared/model.js';
import { ApiError, apiRequest } from '../../app/api.js';

// The administration's REST calls (server/http/account-routes.ts, routing-setup-routes.ts, channels-routes.ts).

export const listAccounts = async () => (await apiRequest<{ items: StaffAccount[] }>('GET', '/api/admin/accounts')).items;
export const inviteAccount = (input: InviteInput) => apiRequest<OneTimeLinkResult>('POST', '/api/admin/accounts', input);
export const updateAccount = (id: string, patch: AccountPatch) => apiRequest<StaffAccount>('PATCH', `/api/admin/accounts/${encodeURIComponent(id)}`, patch);
export const accountAction = (id: string, action: 'deactivate' | 'reactivate' | 'password-link' | 'second-factor/reset') =>
  apiRequest<StaffAccount | OneTimeLinkResult>('POST', `/api/admin/accounts/${encodeURIComponent(id)}/${action}`, {});
export const getSecondFactorPolicy = () => apiRequest<{ roles: Role[] }>('GET', '/api/admin/settings/second-factor');
export const setSecondFactorPolicy = (roles: Role[]) => apiRequest<{ roles: Role[] }>('PUT', '/api/admin/settings/second-factor', { roles });
export const listChannels = async () => (await apiRequest<{ items: ChannelStatus[] }>('GET', '/api/admin/channels')).items;

export interface SetupChange {
  version: number;
  at: string;
  by: { id: string | null; name: string };
  summary: string;
}
export const routingHistory = async () => (await apiRequest<{ items: SetupChange[] }>('GET', '/api/admin/routing/history')).items;

/** GET with its version (the ETag), for a PUT that must not overwrite a newer one. */
export async function getRoutingSetup(): Promise<{ version: string | null; setup: unknown }> {
  const res = await fetch('/api/admin/routing', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, res.status === 403 ? 'forbidden' : 'unavailable', `routing setup: ${res.status}`);
  return { version: res.headers.get('etag'), setup: await res.json() };
}

export async function putRoutingSetup(setup: unknown, version: string | null): Promise<{ version: string | null }> {
  const res = await fetch('/api/admin/routing', {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(version ? { 'if-match': version } : {}) },
    body: JSON.stringify(setup),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: ApiError['code']; message: string } };
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'unavailable', body.error?.message ?? `routing setup: ${res.status}`);
  return { version: res.headers.get('etag') };
}
