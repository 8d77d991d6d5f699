import { strongestIdentity } from '../../../shared/identity-levels.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import '../../app/pageWords.js';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCH_MIN_LENGTH, type CitizenHit, type HighlightRange, type MessageHit, type SearchResults } from '../../../shared/search.js';
import { apiRequest, query } from '../../app/api.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';

// The search box's results, as the ARIA combobox pattern: the input keeps focus, arrows move the
// active option (aria-activedescendant), Enter opens it, Escape closes the list. Citizens come
// first, then messages with their matching words in <mark>; the count is announced politely.

const DEBOUNCE_MS = 250;

type Option = { kind: 'citizen'; hit: CitizenHit } | { kind: 'message'; hit: MessageHit } | { kind: 'more' };

type Status = 'idle' | 'loading' | 'ready' | 'error';

/** A text with its highlight ranges as <mark>s. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly HighlightRange[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, r] of ranges.entries()) {
    if (r.start < at) continue;
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(<mark key={i}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

export interface SearchBoxProps {
  inputId: string;
  initialQuery?: string;
}

export function SearchBox({ inputId, initialQuery = '' }: SearchBoxProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const base = useId();
  const listId = `${base}-results`;
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [q, setQ] = useState(initialQuery);
  const [open, setOpen] = useState(initialQuery.trim().length >= SEARCH_MIN_LENGTH);
  const [status, setStatus] = useState<Status>('idle');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [asked, setAsked] = useState('');
  const [active, setActive] = useState(-1);
  const request = useRef(0);

  // Mounted once the box got focus (or `/`): it replaces the first load's box, so take focus.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const trimmed = q.trim();
  useEffect(() => {
    if (trimmed.length < SEARCH_MIN_LENGTH) {
      request.current += 1;
      setResults(null);
      setStatus('idle');
      return;
    }
    const mine = ++request.current;
    setStatus('loading');
    const timer = setTimeout(() => {
      apiRequest<SearchResults>('GET', `/api/search${query({ q: trimmed })}`)
        .then((found) => {
          if (request.current !== mine) return;
          setResults(found);
          setAsked(trimmed);
          setActive(-1);
          setStatus('ready');
        })
        .catch(() => {
          if (request.current === mine) setStatus('error');
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [trimmed]);

  const loadMore = () => {
    if (!results?.nextCursor) return;
    const mine = ++request.current;
    const cursor = results.nextCursor;
    apiRequest<SearchResults>('GET', `/api/search${query({ q: asked, cursor })}`)
      .then((more) => {
        if (request.current !== mine) return;
        setResults((r) => (r ? { citizens: r.citizens, messages: [...r.messages, ...more.messages], nextCursor: more.nextCursor } : more));
      })
      .catch(() => {
        if (request.current === mine) setStatus('error');
      });
  };

  const options: Option[] = useMemo(() => {
    if (!results) return [];
    return [
      ...results.citizens.map((hit) => ({ kind: 'citizen' as const, hit })),
      ...results.messages.map((hit) => ({ kind: 'message' as const, hit })),
      ...(results.nextCursor ? [{ kind: 'more' as const }] : []),
    ];
  }, [results]);
  const optionId = (i: number) => `${base}-option-${i}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const choose = (option: Option | undefined) => {
    if (!option) return;
    if (option.kind === 'more') return loadMore();
    const path =
      option.kind === 'citizen'
        ? option.hit.conversationId
          ? `/inbox/${encodeURIComponent(option.hit.conversationId)}`
          : null
        : `/inbox/${encodeURIComponent(option.hit.conversationId)}?message=${encodeURIComponent(option.hit.messageId)}`;
    if (!path) return;
    close();
    void navigate(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 ? (step > 0 ? 0 : options.length - 1) : (i + step + options.length) % options.length));
    } else if (event.key === 'Home' && open && active >= 0) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && open && active >= 0) {
      event.preventDefault();
      setActive(options.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(options[active >= 0 ? active : 0]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open && trimmed.length > 0) close();
      else {
        setQ('');
        inputRef.current?.blur();
      }
    }
  };

  // Closing when focus leaves the box and its list (a click elsewhere, Tab).
  const onBlur = () => {
    requestAnimationFrame(() => {
      if (rootRef.current && !rootRef.current.contains(document.activeElement)) close();
    });
  };

  const shown = open && trimmed.length >= SEARCH_MIN_LENGTH && (status === 'ready' || status === 'error' || results !== null);
  const listShown = shown && options.length > 0;
  const citizenCount = results?.citizens.length ?? 0;
  const messageCount = results?.messages.length ?? 0;
  const announcement =
    trimmed.length === 0
      ? ''
      : trimmed.length < SEARCH_MIN_LENGTH
        ? t('search.tooShort')
        : status === 'loading'
          ? t('search.searching')
          : status === 'error'
            ? t('search.error')
            : status === 'ready'
              ? t('search.count', { count: citizenCount + messageCount, citizens: citizenCount, messages: messageCount, q: asked })
              : '';
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const renderOption = (option: Option, i: number) => {
    const selected = i === active;
    const common = {
      id: optionId(i),
      role: 'option' as const,
      'aria-selected': selected,
      className: `search-option${selected ? ' search-option--active' : ''}`,
      // Keep focus in the input: the click chooses, it does not move focus first.
      onMouseDown: (e: { preventDefault(): void }) => e.preventDefault(),
      onClick: () => choose(option),
    };
    if (option.kind === 'more') {
      return (
        <div key="more" {...common} className={`${common.className} search-option--more`}>
          {t('search.more')}
        </div>
      );
    }
    if (option.kind === 'citizen') {
      const { hit } = option;
      const standing = strongestIdentity(hit.citizen.identities);
      return (
        <div key={`c-${hit.citizen.id}`} {...common}>
          <span className="search-option__title">
            <Highlighted text={hit.citizen.displayName} ranges={hit.nameHighlights} />
            {standing && <> <IdentityLevelBadge level={standing.level} eidas={standing.eidas} compact /></>}
          </span>
          <span className="search-option__meta">
            {hit.matchedBy !== 'name' && hit.identityValue ? (
              <>
                {t(`search.matchedBy.${hit.matchedBy}`)} : <mark>{hit.identityValue}</mark>
              </>
            ) : (
              t('search.matchedBy.name')
            )}
            {hit.conversationId === null && <> · {t('search.noConversation')}</>}
          </span>
        </div>
      );
    }
    const { hit } = option;
    return (
      <div key={`m-${hit.messageId}`} {...common}>
        <span className="search-option__title">
          {displayText(citizenNameDisplay(hit.citizenName, [hit.channel]), t)}
          <span className="search-option__meta">
            {' · '}
            {t(`channel.${hit.channel}`)} · <time dateTime={hit.at}>{dateFormat.format(new Date(hit.at))}</time>
          </span>
        </span>
        {hit.subject && (
          <span className="search-option__subject">
            <Highlighted text={hit.subject} ranges={hit.subjectHighlights ?? []} />
          </span>
        )}
        <span className="search-option__snippet">
          <Highlighted text={hit.snippet} ranges={hit.highlights} />
        </span>
      </div>
    );
  };

  const citizenOptions = options.flatMap((o, i) => (o.kind === 'citizen' ? [renderOption(o, i)] : []));
  const messageOptions = options.flatMap((o, i) => (o.kind !== 'citizen' ? [renderOption(o, i)] : []));

  return (
    <div role="search" className="header-search" aria-label={t('header.search')} ref={rootRef} onBlur={onBlur}>
      <label className="sr-only" htmlFor={inputId}>
        {t('header.search')}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="header-search__input"
        type="search"
        autoComplete="off"
        placeholder={`${t('header.searchHint')} ( / )`}
        aria-keyshortcuts="/"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={listShown}
        aria-controls={listId}
        aria-describedby={`${base}-help`}
        {...(listShown && active >= 0 ? { 'aria-activedescendant': optionId(active) } : {})}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <span id={`${base}-help`} className="sr-only">
        {t('search.help')}
      </span>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {/* Nothing found or a failure is said beside the list: a listbox holds options only. */}
      {shown && options.length === 0 && (status === 'error' || results) && (
        <p className="search-results search-results__empty">
          {status === 'error' ? t('search.error') : t('search.count', { count: 0, citizens: 0, messages: 0, q: asked })}
        </p>
      )}
      <div id={listId} role="listbox" aria-label={t('search.results')} className="search-results" hidden={!listShown}>
        {citizenOptions.length > 0 && (
          <div role="group" aria-labelledby={`${base}-citizens`} className="search-results__group">
            <div id={`${base}-citizens`} role="presentation" className="search-results__heading">
              {t('search.citizens')}
            </div>
            {citizenOptions}
          </div>
        )}
        {messageOptions.length > 0 && (
          <div role="group" aria-labelledby={`${base}-messages`} className="search-results__group">
            <div id={`${base}-messages`} role="presentation" className="search-results__heading">
              {t('search.messages')}
            </div>
            {messageOptions}
          </div>
        )}
      </div>
    </div>
  );
}
