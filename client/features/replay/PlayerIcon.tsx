// Player icons drawn inline: the usual media glyphs (⏮ ⏸) are missing from many system fonts.
const PATHS = {
  restart: 'M6 5v14 M19 5l-10 7 10 7z',
  previous: 'M17 5l-10 7 10 7z',
  play: 'M7 5l12 7-12 7z',
  pause: 'M8 5v14 M16 5v14',
  next: 'M7 5l10 7-10 7z',
} as const;

export function PlayerIcon({ kind }: { kind: keyof typeof PATHS }) {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} />
    </svg>
  );
}
