// @ts-check
import path from 'node:path';

const FEATURES = `${path.sep}client${path.sep}features${path.sep}`;

/** The feature folder a file belongs to, or null outside client/features/. */
function featureOf(file) {
  const at = file.indexOf(FEATURES);
  if (at < 0) return null;
  return file.slice(at + FEATURES.length).split(path.sep)[0] ?? null;
}

/**
 * client/features/<a>/ must not import client/features/<b>/: features stay independent and
 * client/app/ composes them (ARCHITECTURE.md, "Client").
 * @type {import('eslint').Rule.RuleModule}
 */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid imports between console features' },
    messages: { crossFeature: 'feature "{{from}}" imports feature "{{to}}"; move the shared piece to app/, ui/ or shared/' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = featureOf(file);
    if (!from) return {};
    /** @param {import('estree').Node & { source?: { value?: unknown } | null }} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = featureOf(path.resolve(path.dirname(file), source));
      if (to && to !== from) context.report({ node, messageId: 'crossFeature', data: { from, to } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
