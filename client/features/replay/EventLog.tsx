import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEvent } from '../../../shared/journal.js';
import type { HiddenContent } from '../../../shared/replay.js';
import type { Marker } from './playline.js';
import { useDuration, useInstant } from './useReplayText.js';

export interface EventLogProps {
  /** The events played so far; the future is not shown (trainees replay without spoilers). */
  events: readonly JournalEvent[];
  currentIndex: number;
  markers: readonly Marker[];
  hidden: Record<string, HiddenContent>;
  describe(event: JournalEvent, hidden?: HiddenContent): string;
  onJump(index: number): void;
}

function hiddenOf(event: JournalEvent, hidden: Record<string, HiddenContent>): HiddenContent | undefined {
  const payload = event.payload as { message?: { id: string }; messageId?: string };
  const id = payload.message?.id ?? payload.messageId;
  return id === undefined ? undefined : hidden[id];
}

export function EventLog({ events, currentIndex, markers, hidden, describe, onJump }: EventLogProps) {
  const { t } = useTranslation();
  const instant = useInstant();
  const duration = useDuration();
  const list = useRef<HTMLOListElement>(null);
  const played = events.slice(0, currentIndex + 1);

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [played.length]);

  return (
    <section className="event-log" aria-labelledby="event-log-title">
      <h2 id="event-log-title" className="panel-title">
        {t('replay.log.title')}
      </h2>
      {played.length === 0 ? (
        <p className="muted">{t('replay.log.empty')}</p>
      ) : (
        <ol ref={list} className="event-log__list" data-testid="replay-event-log">
          {played.map((event, i) => {
            const wait = markers.find((m) => m.kind === 'long-wait' && m.index === i);
            const change = markers.find((m) => m.kind === 'channel-switch' && m.index === i);
            return (
              <li key={event.seq} className={i === currentIndex ? 'event-log__item event-log__item--current' : 'event-log__item'} data-seq={event.seq}>
                <button type="button" className="event-log__jump" onClick={() => onJump(i)} aria-current={i === currentIndex ? 'step' : undefined}>
                  <time dateTime={event.at}>{instant(event.at)}</time>
                  <span className="event-log__text">{describe(event, hiddenOf(event, hidden))}</span>
                  {wait?.kind === 'long-wait' && <span className="event-log__badge event-log__badge--wait">{t('replay.log.after', { duration: duration(wait.realMs) })}</span>}
                  {change?.kind === 'channel-switch' && (
                    <span className="event-log__badge event-log__badge--switch">{t('replay.log.switch', { from: t(`channel.${change.from}`), to: t(`channel.${change.to}`) })}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
