import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The header's search box. Only the box is in the first load; the results (fetching, keyboard,
// highlights and their words) are a chunk fetched when the box gets focus or `/` is pressed.
const SearchBox = lazy(() => import('../features/search/SearchBox.js').then((m) => ({ default: m.SearchBox })));

export const SEARCH_INPUT_ID = 'search-q';

/** Typing in a field, a text area or an editable element: `/` is a character there. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function HeaderSearch() {
  const { t } = useTranslation();
  const [wanted, setWanted] = useState(false);
  const typed = useRef('');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      setWanted(true);
      document.getElementById(SEARCH_INPUT_ID)?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const box = (
    <div role="search" className="header-search" aria-label={t('header.search')}>
      <label className="sr-only" htmlFor={SEARCH_INPUT_ID}>
        {t('header.search')}
      </label>
      <input
        id={SEARCH_INPUT_ID}
        className="header-search__input"
        type="search"
        autoComplete="off"
        placeholder={`${t('header.searchHint')} ( / )`}
        aria-keyshortcuts="/"
        onFocus={() => setWanted(true)}
        onChange={(e) => {
          typed.current = e.target.value;
        }}
      />
    </div>
  );
  if (!wanted) return box;
  return (
    <Suspense fallback={box}>
      <SearchBox inputId={SEARCH_INPUT_ID} initialQuery={typed.current} />
    </Suspense>
  );
}
