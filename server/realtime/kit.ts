// What channel adapters may use of the realtime layer. The web chat runs its own Socket.IO
// namespace (/webchat) beside the gateway's /agent: its listeners must survive a throwing handler
// and answer every ack the same way, and it tells agents about a citizen's typing through the
// gateway's rooms, so it borrows these; the gateway itself (authentication, commands, pushes)
// stays private to realtime/. Lint keeps server/channels/ to this file
// (tools/eslint-adapter-boundaries.js).

export { ackedHandler, guardedListener, guardedMiddleware } from './socket-handler.js';
export { rooms } from './push-routing.js';
