// Halves of a locale file, made by tools/vite-locale-split.ts.
declare module '*.json?first-load' {
  const words: Record<string, unknown>;
  export default words;
}
declare module '*.json?pages' {
  const words: Record<string, unknown>;
  export default words;
}
