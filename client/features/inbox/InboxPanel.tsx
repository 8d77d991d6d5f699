import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent, Queue } from '../../../shared/model.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { useNow } from '../../ui/useNow.js';
import { InboxFilters } from './InboxFilters.js';
import { InboxRow } from './InboxRow.js';
import {
  inboxCount,
  selectInboxHasMore,
  selectCitizenLevels,
  selectInboxListState,
  selectVisibleConversations,
  type Viewer,
} from './inboxSelectors.js';
import { loadInboxPage } from './inboxSlice.js';

/** Fixed row heights (the list is virtualised): comfortable three lines, compact two. */
const ROW_HEIGHT = { comfortable: 92, compact: 56 } as const;
/** Start loading the next page when this close to the end. */
const PREFETCH_ROWS = 8;

export interface InboxPanelProps {
  viewer: Viewer;
  agents: Agent[];
  queues: Queue[];
  selectedId: string | null;
  density?: keyof typeof ROW_HEIGHT;
}

/** "50 sur 312" while part of the list is loaded, else "312 conversations"; said in full to screen readers. */
function InboxCount({ shown, total, language }: { shown: number; total: number | null; language: string }) {
  const { t } = useTranslation();
  const n = new Intl.NumberFormat(language);
  return (
    <span className="panel-heading__count" aria-live="polite" data-testid="inbox-count">
      {total === null ? (
        t('inbox.count', { count: shown })
      ) : (
        <>
          <span aria-hidden="true">{t('inbox.countOf', { shown: n.format(shown), total: n.format(total) })}</span>
          <span className="sr-only">{t('inbox.countOfLong', { count: shown, shown: n.format(shown), total: n.format(total) })}</span>
        </>
      )}
    </span>
  );
}

export function InboxPanel({ viewer, agents, queues, selectedId, density = 'comfortable' }: InboxPanelProps) {
  const rowHeight = ROW_HEIGHT[density];
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const rows = useAppSelector((s) => selectVisibleConversations(s, viewer));
  const levels = useAppSelector(selectCitizenLevels);
  const list = useAppSelector(selectInboxListState);
  const hasMore = useAppSelector(selectInboxHasMore);
  const now = useNow(30_000);
  const count = useMemo(() => inboxCount(rows, list), [rows, list]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const agentNames = useMemo(() => new Map(agents.map((a) => [a.id as string, a.displayName])), [agents]);
  const queueNames = useMemo(() => new Map(queues.map((q) => [q.id as string, q.name])), [queues]);
  const visibleQueues = useMemo(
    () => (viewer.role === 'agent' ? queues.filter((q) => viewer.queueIds.includes(q.id)) : queues),
    [queues, viewer],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  // A density change moves every row: measure again rather than keep the old offsets.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && list.status === 'ready' && lastIndex >= rows.length - PREFETCH_ROWS) {
      void dispatch(loadInboxPage({ reset: false }));
    }
  }, [dispatch, hasMore, lastIndex, list.status, rows.length]);

  // Target of a focus move not yet done (the row renders after the scroll); key repeats build on it.
  const pendingFocus = useRef<number | null>(null);
  const focusRow = useCallback(
    (index: number) => {
      pendingFocus.current = index;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // The row may only be rendered after the scroll: focus it on the next frames.
      const tryFocus = (attempt: number) => {
        if (pendingFocus.current !== index) return;
        const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`);
        if (el) {
          el.focus();
          pendingFocus.current = null;
        } else if (attempt < 5) requestAnimationFrame(() => tryFocus(attempt + 1));
        else pendingFocus.current = null;
      };
      requestAnimationFrame(() => tryFocus(0));
    },
    [virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!li || rows.length === 0) return;
    const index = pendingFocus.current ?? Number(li.dataset.index);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, index + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    if (next === null) return;
    e.preventDefault();
    focusRow(next);
  };

  const assigneeLabel = (assigneeId: string | null) =>
    assigneeId === null
      ? t('inbox.unassigned')
      : assigneeId === viewer.id
        ? t('inbox.me')
        : (agentNames.get(assigneeId) ?? t('inbox.unknownAgent'));

  return (
    <div className="inbox">
      <div className="panel-heading">
        <h2 id="inbox-title">{t('inbox.title')}</h2>
        <InboxCount {...count} language={i18n.language} />
      </div>
      <InboxFilters queues={visibleQueues} />
      <div ref={scrollRef} className="inbox__scroll">
        {rows.length === 0 && list.status !== 'loading' && (
          <p className="empty">{list.status === 'error' ? t('inbox.error') : t('inbox.empty')}</p>
        )}
        <ul
          className="inbox__list"
          aria-labelledby="inbox-title"
          aria-describedby="inbox-keys-hint"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => {
            const c = rows[item.index]!;
            return (
              <li
                key={item.key}
                data-index={item.index}
                aria-setsize={count.total ?? (hasMore ? -1 : rows.length)}
                aria-posinset={item.index + 1}
                className="inbox__item"
                style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                <InboxRow
                  conversation={c}
                  selected={c.id === selectedId}
                  assigneeLabel={assigneeLabel(c.assigneeId)}
                  queueName={queueNames.get(c.queueId) ?? ''}
                  now={now}
                  standing={levels[c.citizenId]}
                />
              </li>
            );
          })}
        </ul>
        <div className="inbox__footer">
          {list.status === 'loading' ? (
            <p role="status">{t('common.loading')}</p>
          ) : list.status === 'error' ? (
            <button type="button" className="button" onClick={() => void dispatch(loadInboxPage({ reset: list.nextCursor === null }))}>
              {t('common.retry')}
            </button>
          ) : hasMore ? (
            <button type="button" className="button" onClick={() => void dispatch(loadInboxPage({ reset: false }))}>
              {t('inbox.loadMore')}
            </button>
          ) : null}
        </div>
      </div>
      <p id="inbox-keys-hint" className="sr-only">
        {t('inbox.keysHint')}
      </p>
    </div>
  );
}
