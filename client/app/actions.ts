import { createAction } from '@reduxjs/toolkit';

/** A request answered 401: the session is over. Resets every slice (see store.ts). */
export const sessionExpired = createAction('app/sessionExpired');
