// What channel adapters may use of the HTTP layer. A channel mounts its own routes (webhooks,
// attachment downloads, the widget's files) and must answer, guard and read requests exactly as
// the console's REST API does, so it borrows these pieces instead of copying them; everything
// else in http/ (the app, the API routers, the OpenAPI documents) is the layer's own business.
// Lint keeps server/channels/ to this file (tools/eslint-adapter-boundaries.js): a piece that a
// channel needs is added here, on purpose and in review.

// One error shape for every route (AppErrorBody), whoever mounts it.
export { sendError } from './errors.js';
// Who may call a route is one rule (ARCHITECTURE.md, "One rule, one place"); a channel's route
// is declared in ROUTE_ACCESS like any other and guarded by the same middleware.
export { guardFor } from './route-access.js';
export { agentOf } from './session-middleware.js';
// Forwarded headers are believed only behind a configured proxy: one reading for every check.
export { clientAddress, servedHost } from './proxy-headers.js';
export { precompressedStatic } from './precompressed-static.js';
