import type { ManualChunkMeta } from 'rollup';
import type { Plugin } from 'vite';

/**
 * Puts the libraries of the first load (React, the router, Redux, i18next, socket.io…) into one
 * `vendor` chunk, which changes less often than the console and so stays cached across releases.
 * A library only a lazy page imports (zod for the reports, DOMPurify for an open conversation) is
 * left out, for Rollup to place with the page that needs it: one vendor chunk of all of
 * node_modules would bring them back into the first load.
 */
export function vendorChunk(): Plugin {
  return {
    name: 'guichet:vendor-chunk',
    apply: 'build',
    outputOptions(options) {
      // Per output: a watched rebuild may have changed what the entries import.
      let firstLoad: Set<string> | undefined;
      return {
        ...options,
        manualChunks(id, meta) {
          if (!id.includes('/node_modules/')) return undefined;
          firstLoad ??= staticallyImportedByEntries(meta);
          return firstLoad.has(id) ? 'vendor' : undefined;
        },
      };
    },
  };
}

/** Every module reached from an entry through static imports only: what loads before any page. */
function staticallyImportedByEntries({ getModuleIds, getModuleInfo }: ManualChunkMeta): Set<string> {
  const seen = new Set<string>();
  const queue = [...getModuleIds()].filter((id) => getModuleInfo(id)?.isEntry);
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}
