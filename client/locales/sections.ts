/**
 * The sections of a locale file whose words only pages loaded on demand use (the open
 * conversation, the board, the reports, the replay, the courses, the administration, one's
 * account). French is split in two at build time (tools/vite-locale-split.ts): the first load
 * carries the other sections, these arrive with the first such page (app/pageWords.ts).
 * locales.test.ts checks that no module of the first load uses a key of these sections.
 */
export const PAGE_SECTIONS = ['account', 'admin', 'answers', 'composer', 'delivery', 'merge', 'presence', 'profile', 'replay', 'reports', 'search', 'supervisor', 'timeline', 'trainer', 'training'] as const;
