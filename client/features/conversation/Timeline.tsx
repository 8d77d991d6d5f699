import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { useNow } from '../../ui/useNow.js';
import { selectConversationState, timelineRows, type TimelineRow } from './conversationSelectors.js';
import { ActivityEntry } from './ActivityEntry.js';
import { ElsewhereEntry } from './ElsewhereEntry.js';
import { loadOlderMessages } from './conversationSlice.js';
import { TimelineEntry } from './TimelineEntry.js';

const ESTIMATED_ENTRY = 120;
/** Load older entries when the top is this close (px). */
const LOAD_OLDER_AT = 300;
/** "At the bottom" tolerance (px): new entries keep the view pinned to the end. */
const BOTTOM_SLACK = 80;

function rowKey(row: TimelineRow | undefined): string | null {
  if (!row) return null;
  if (row.kind === 'message') return row.message.id;
  return row.kind === 'activity' ? `activity:${row.line.seq}` : `elsewhere:${row.conversation.id}`;
}

export interface TimelineProps {
  conversationId: string;
  conversationLabels: Record<string, string>;
  agentName: (id: string | undefined) => string | null;
  readOnly?: boolean;
  /** Open at this message (a search hit): older pages are loaded until it is there, then it is scrolled to. */
  focusMessageId?: string | null;
}

export function Timeline({ conversationId, conversationLabels, agentName, readOnly = false, focusMessageId = null }: TimelineProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { timeline, activity, olderCursor, olderStatus, citizenId, elsewhere } = useAppSelector(selectConversationState);
  const now = useNow(60_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const hasOlder = olderCursor !== null;
  const rows = useMemo(() => timelineRows(timeline, elsewhere, hasOlder, activity), [timeline, elsewhere, hasOlder, activity]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ENTRY,
    overscan: 6,
    getItemKey: (index) => rowKey(rows[index]) ?? index,
  });

  const loadOlder = useCallback(() => {
    if (hasOlder && olderStatus !== 'loading') void dispatch(loadOlderMessages());
  }, [dispatch, hasOlder, olderStatus]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    if (el.scrollTop < LOAD_OLDER_AT) loadOlder();
  };

  // Keep the reading position when older entries are prepended, and follow the end when new ones
  // arrive while the agent is at the bottom.
  const previous = useRef<{ citizenId: string | null; firstId: string | null; lastId: string | null; count: number }>({
    citizenId: null,
    firstId: null,
    lastId: null,
    count: 0,
  });
  useLayoutEffect(() => {
    const prev = previous.current;
    const first = rowKey(rows[0]);
    const last = rowKey(rows[rows.length - 1]);
    const el = scrollRef.current;
    previous.current = { citizenId, firstId: first, lastId: last, count: rows.length };
    if (!el || rows.length === 0) return;
    if (prev.citizenId !== citizenId || prev.count === 0) {
      atBottom.current = true;
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
      return;
    }
    if (prev.firstId !== first && prev.firstId !== null) {
      const k = rows.findIndex((r) => rowKey(r) === prev.firstId);
      const start = k > 0 ? virtualizer.measurementsCache[k]?.start : undefined;
      if (start !== undefined) virtualizer.scrollToOffset(el.scrollTop + start);
    }
    // Follow the end when the agent was there, or when the new last entry is an agent's (their own
    // reply or note: they expect to see it land). An assignment or status line follows like a message.
    const newestRow = rows[rows.length - 1];
    const newest = newestRow?.kind === 'message' ? newestRow.message : null;
    if (newestRow && prev.lastId !== last && (atBottom.current || (newest !== null && newest.direction !== 'inbound' && newest.author.kind === 'agent'))) {
      atBottom.current = true;
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
      // Entries are measured after they render; settle on the real end.
      requestAnimationFrame(() => {
        if (scrollRef.current) scrollRef.current.scrollTop = scrollRef.current.scrollHeight;
      });
    }
  }, [rows, citizenId, virtualizer]);

  // After the effect above (which starts a new timeline at its end): bring the message asked for
  // into view, paging back through older entries until it is loaded. Once per message asked.
  // Entries are measured as they render and the start-at-the-end scroll may still be settling,
  // so the scroll is repeated over the next few hundred milliseconds, on the row's latest index.
  const focused = useRef<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useLayoutEffect(() => {
    if (!focusMessageId || focused.current === focusMessageId || rows.length === 0) return;
    const indexOf = () => rowsRef.current.findIndex((r) => r.kind === 'message' && r.message.id === focusMessageId);
    if (indexOf() === -1) {
      if (hasOlder && olderStatus === 'idle') void dispatch(loadOlderMessages());
      return;
    }
    focused.current = focusMessageId;
    const settle = () => {
      const index = indexOf();
      if (index === -1 || focused.current !== focusMessageId) return;
      atBottom.current = false;
      virtualizer.scrollToIndex(index, { align: 'center' });
    };
    settle();
    const timers = [50, 150, 300, 600, 1000].map((ms) => setTimeout(settle, ms));
    return () => timers.forEach(clearTimeout);
  }, [rows, focusMessageId, hasOlder, olderStatus, dispatch, virtualizer]);

  const items = virtualizer.getVirtualItems();

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="timeline__bar">
        <h2 id="timeline-title" className="timeline__title">
          {t('timeline.title')}
        </h2>
        {hasOlder ? (
          <button type="button" className="button button--small" onClick={loadOlder} disabled={olderStatus === 'loading'}>
            {olderStatus === 'loading' ? t('common.loading') : t('timeline.loadOlder')}
          </button>
        ) : (
          timeline.length > 0 && <span className="muted">{t('timeline.start')}</span>
        )}
        {olderStatus === 'error' && (
          <span role="alert" className="inline-error">
            {t('timeline.olderError')}
          </span>
        )}
      </div>
      <div ref={scrollRef} className="timeline__scroll" onScroll={onScroll}>
        {rows.length === 0 ? (
          <p className="empty">{t('timeline.empty')}</p>
        ) : (
          <div
            role="feed"
            aria-labelledby="timeline-title"
            aria-busy={olderStatus === 'loading'}
            className="timeline__feed"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const row = rows[item.index]!;
              const setSize = hasOlder ? -1 : rows.length;
              if (row.kind === 'activity') {
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="timeline__item"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <ActivityEntry
                      line={row.line}
                      otherConversation={row.line.conversationId !== conversationId}
                      agentName={agentName}
                      posInSet={item.index + 1}
                      setSize={setSize}
                      now={now}
                    />
                  </div>
                );
              }
              if (row.kind === 'elsewhere') {
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="timeline__item"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <ElsewhereEntry conversation={row.conversation} posInSet={item.index + 1} setSize={setSize} />
                  </div>
                );
              }
              const m: Message = row.message;
              const other = m.conversationId !== conversationId;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  data-message-id={m.id}
                  ref={virtualizer.measureElement}
                  className={m.id === focusMessageId ? 'timeline__item timeline__item--found' : 'timeline__item'}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <TimelineEntry
                    message={m}
                    otherConversation={other}
                    otherConversationLabel={other ? (conversationLabels[m.conversationId] ?? null) : null}
                    agentName={agentName}
                    posInSet={item.index + 1}
                    setSize={setSize}
                    now={now}
                    readOnly={readOnly}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
