import { describe, expect, it } from 'vitest';
import { sessionExpired } from '../../app/actions.js';
import { rootReducer } from '../../app/store.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { agent, opened } from '../../testing/fixtures.js';
import { checkSession, login, logout, sessionSlice } from './sessionSlice.js';

const info = { agent, token: 'tok', expiresAt: '2030-01-01T00:00:00.000Z' };
const reducer = sessionSlice.reducer;

describe('session slice', () => {
  it('starts checking, becomes authenticated on a valid session', () => {
    let s = reducer(undefined, { type: 'init' });
    expect(s.status).toBe('checking');
    s = reducer(s, checkSession.fulfilled(info, 'c'));
    expect(s).toMatchObject({ status: 'authenticated', agent, token: 'tok' });
  });

  it('reports login errors by kind', () => {
    let s = reducer(undefined, checkSession.rejected(null, 'c', undefined, { status: 401, code: 'unauthenticated', message: '' }));
    expect(s.status).toBe('anonymous');
    s = reducer(s, login.pending('l', { email: 'a', password: 'b' }));
    expect(s.loginPending).toBe(true);
    s = reducer(s, login.rejected(null, 'l', { email: 'a', password: 'b' }, 'rate_limited'));
    expect(s).toMatchObject({ loginPending: false, loginError: 'rate_limited', status: 'anonymous' });
  });

  it('keeps the session on a network failure of a re-check', () => {
    let s = reducer(undefined, checkSession.fulfilled(info, 'c'));
    s = reducer(s, checkSession.rejected(null, 'c2', undefined, { status: 0, code: 'network', message: 'offline' }));
    expect(s.status).toBe('authenticated');
  });
});

describe('root reducer', () => {
  it('forgets everything the previous agent saw on logout or expiry', () => {
    let s = rootReducer(undefined, { type: 'init' });
    s = rootReducer(s, checkSession.fulfilled(info, 'c'));
    s = rootReducer(s, journalEventReceived(opened({ seq: 1 })));
    expect(Object.keys(s.inbox.entities)).toHaveLength(1);
    const out = rootReducer(s, logout.fulfilled(undefined, 'o'));
    expect(out.inbox.entities).toEqual({});
    expect(out.session).toMatchObject({ status: 'anonymous', agent: null, expired: false });
    const expired = rootReducer(s, sessionExpired());
    expect(expired.session).toMatchObject({ status: 'anonymous', expired: true });
  });
});
