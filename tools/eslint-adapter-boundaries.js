// @ts-check
import path from 'node:path';

// The server's adapter folders, and where a path sits among them. The greedy `^.*` matches the
// last `server/<area>/` of the path, so a checkout living under some other `server/` folder still
// reads right.
const AREAS = ['channels', 'http', 'realtime', 'store'];
const PLACE = new RegExp(String.raw`^.*[\\/]server[\\/](${AREAS.join('|')})[\\/](.+)$`);

/**
 * @typedef {{ area: string, channel: string | null, module: string }} Place
 * `channel` is the channel folder under server/channels/ (null for the helpers every channel
 * shares, e.g. channel-module.ts); `module` is the path inside the area without its extension.
 */

/** @returns {Place | null} */
function placeOf(file) {
  const match = PLACE.exec(file);
  if (!match) return null;
  const area = /** @type {string} */ (match[1]);
  const rest = /** @type {string} */ (match[2]).split(/[\\/]/);
  const module = rest.join('/').replace(/\.[cm]?[jt]sx?$/, '');
  const channel = area === 'channels' && rest.length > 1 ? /** @type {string} */ (rest[0]) : null;
  return { area, channel, module };
}

/** The one module of http/ and realtime/ that channel adapters may import. */
const isKit = (/** @type {Place} */ place) => (place.area === 'http' || place.area === 'realtime') && place.module === 'kit';

/**
 * Adapters talk to the domain, not to each other (ARCHITECTURE.md, "Server"):
 * - a file in server/channels/ may import the domain, shared/, its own channel folder, the
 *   helpers in server/channels/ itself, and server/http/kit.ts and server/realtime/kit.ts — the
 *   pieces of those layers a channel must share with them (one error shape, one route guard, one
 *   reading of forwarded headers, crash-proof socket listeners). Not the rest of http/ or
 *   realtime/, not the store (it reaches it through the domain's ports), not another channel.
 * - a file in server/store/ imports none of http/, realtime/, channels/: a store adapter serves
 *   the Store port and knows nothing of who calls it.
 * Entry points that compose adapters (main.ts, the *-cli.ts scripts) and tests are left out by
 * the lint config, not here.
 * @type {import('eslint').Rule.RuleModule}
 */
export const adapterBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'keep server adapters (channels, store) from importing one another' },
    messages: {
      channelToLayer: 'channel "{{from}}" imports server/{{area}}/{{module}}; channels use server/{{area}}/kit.ts only (add the piece there if a channel needs it)',
      channelToStore: 'channel "{{from}}" imports server/store/{{module}}; channels reach the store through the domain\'s ports',
      crossChannel: 'channel "{{from}}" imports channel "{{to}}"; move the shared piece to server/channels/ or the domain',
      storeToAdapter: 'server/store/ imports server/{{area}}/{{module}}; a store adapter knows nothing of its callers',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = placeOf(file);
    if (!from || (from.area !== 'channels' && from.area !== 'store')) return {};
    const fromName = from.channel ?? 'channels/';
    /** @param {import('estree').Node & { source?: { value?: unknown } | null }} node */
    const check = (node) => {
      const source = node.source?.value;
      // Packages (express, socket.io…) are what adapters are for; only the project's own folders are bounded.
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(file), source));
      if (!to) return;
      if (from.area === 'store') {
        if (to.area !== 'store') context.report({ node, messageId: 'storeToAdapter', data: { area: to.area, module: to.module } });
        return;
      }
      if (to.area === 'http' || to.area === 'realtime') {
        if (!isKit(to)) context.report({ node, messageId: 'channelToLayer', data: { from: fromName, area: to.area, module: to.module } });
      } else if (to.area === 'store') {
        context.report({ node, messageId: 'channelToStore', data: { from: fromName, module: to.module } });
      } else if (to.channel && to.channel !== from.channel) {
        // Also from the shared helpers: they serve every channel, so they depend on none.
        context.report({ node, messageId: 'crossChannel', data: { from: fromName, to: to.channel } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
