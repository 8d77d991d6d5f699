import type { Rule } from 'eslint';

/** See eslint-adapter-boundaries.js; declared so that the rule's test, in TypeScript, can load it. */
export declare const adapterBoundaries: Rule.RuleModule;
