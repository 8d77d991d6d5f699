import { refusalText } from '../../ui/errorText.js';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../shared/model.js';
import { can } from '../../../shared/permissions.js';
import type { ReplayRef } from '../../../shared/replay.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { citizenNameDisplay, displayText } from '../../ui/identityDisplay.js';
import { AnnotationsPanel } from './AnnotationsPanel.js';
import { CitizenCard } from './CitizenCard.js';
import { EventLog } from './EventLog.js';
import { PlayerControls } from './PlayerControls.js';
import { positionOf } from './playline.js';
import type { ReplayFrame } from './replayFrame.js';
import { selectAtEnd, selectCurrentAnnotations, selectFrame, selectIndex, selectInstant, selectReplay } from './replaySelectors.js';
import {
  addAnnotation,
  deleteAnnotation,
  editAnnotation,
  loadReplay,
  pause,
  play,
  replayClosed,
  seeked,
  speedChanged,
  stepped,
  ticked,
  unmaskReplay,
} from './replaySlice.js';
import { Scrubber } from './Scrubber.js';
import { UnmaskControl } from './UnmaskControl.js';
import { usePlayback } from './usePlayback.js';
import { useDuration, useEventText, useInstant } from './useReplayText.js';
import './replay.css';

export interface ReplayPlayerProps {
  replayRef: ReplayRef;
  viewer: Agent;
  agents: readonly Agent[];
  /** The agent's conversation view as it was at the instant; composed by app/. */
  renderScreen(frame: ReplayFrame): ReactNode;
  /** Above the title: a way back, the course being followed (app/ composes it). */
  navigation?: ReactNode;
  /** Extra tools in the side column (adding the replay to a course). */
  tools?: ReactNode;
}

export function ReplayPlayer({ replayRef, viewer, agents, renderScreen, navigation, tools }: ReplayPlayerProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const replay = useAppSelector(selectReplay);
  const index = useAppSelector(selectIndex);
  const instantMs = useAppSelector(selectInstant);
  const frame = useAppSelector(selectFrame);
  const pinned = useAppSelector(selectCurrentAnnotations);
  const atEnd = useAppSelector(selectAtEnd);
  const duration = useDuration();
  const instant = useInstant();
  const names = useMemo(() => new Map(agents.map((a) => [a.id as string, a.displayName])), [agents]);
  const agentName = useCallback((id: string | null | undefined) => (id ? (names.get(id) ?? null) : null), [names]);
  const describe = useEventText(agentName);
  const { kind, id } = replayRef;

  useEffect(() => {
    void dispatch(loadReplay({ ref: { kind, id } }));
    return () => {
      dispatch(replayClosed());
    };
  }, [dispatch, kind, id]);

  const onTick = useCallback((ms: number) => dispatch(ticked(ms)), [dispatch]);
  usePlayback(replay.playing, onTick);

  const { data, line } = replay;
  const seqs = useMemo(() => data?.events.map((e) => e.seq) ?? [], [data]);
  const reached = useMemo(() => new Set(seqs.slice(0, index + 1)), [seqs, index]);

  if (replay.status === 'loading' || replay.status === 'idle') {
    return (
      <p className="empty" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (replay.status !== 'ready' || !data || !line) {
    return (
      <div className="replay-error">
        {navigation}
        <p className="empty" role="alert">
          {t(`replay.errors.${replay.status === 'forbidden' ? 'forbidden' : replay.status === 'not_found' ? 'notFound' : 'failed'}`)}
        </p>
      </div>
    );
  }

  const count = data.events.length;
  const current = index >= 0 ? data.events[index]! : null;
  const valueText = current
    ? t('replay.position', { index: index + 1, count, what: describe(current), when: instant(current.at) })
    : t('replay.positionStart', { count });
  const waiting = frame.conversation?.waitingSince && instantMs !== null ? instantMs - Date.parse(frame.conversation.waitingSince) : null;
  // Unmasked, the label is the citizen's record name, which may be a platform id (see identityDisplay).
  const citizenLabel = displayText(citizenNameDisplay(data.citizenLabel, frame.citizen?.identities.map((i) => i.kind) ?? []), t);
  const title = data.ref.kind === 'conversation' ? (data.title ?? t('replay.untitled')) : t('replay.historyOf', { name: citizenLabel });

  return (
    <div
      className="replay"
      data-testid="replay-player"
      data-index={index}
      data-count={count}
      data-playing={replay.playing}
      data-ended={atEnd}
      data-masked={data.masked}
    >
      <header className="replay__head">
        {navigation}
        <h1 id="replay-title">
          <span className="replay__kind">{t(`replay.kind.${data.ref.kind}`)}</span> {title}
        </h1>
        <UnmaskControl
          masked={data.masked}
          canUnmask={can(viewer.role, 'replay:unmask')}
          pending={replay.unmask === 'pending'}
          failed={replay.unmask === 'error'}
          onUnmask={(reason) => void dispatch(unmaskReplay({ reason }))}
          onRemask={() => void dispatch(loadReplay({ ref: data.ref, keepPosition: true }))}
        />
        {data.truncated && <p className="inline-error">{t('replay.truncated')}</p>}
      </header>

      <section className="replay__player" aria-labelledby="player-title">
        <h2 id="player-title" className="sr-only">
          {t('replay.player')}
        </h2>
        <div className="replay__clock">
          <p data-testid="replay-clock">
            <span className="muted">{t('replay.clock')} </span>
            <time dateTime={instantMs !== null ? new Date(instantMs).toISOString() : undefined}>{instantMs !== null ? instant(instantMs) : '—'}</time>
          </p>
          <p className="muted" data-testid="replay-counter">
            {t('replay.counter', { index: Math.max(0, index + 1), count })}
          </p>
          {frame.answeredWaitMs !== null ? (
            <p className="wait-notice wait-notice--answered" data-testid="replay-wait">
              {t('replay.waited', { duration: duration(frame.answeredWaitMs) })}
            </p>
          ) : waiting !== null && waiting >= 60_000 ? (
            <p className="wait-notice" data-testid="replay-wait">
              {t('replay.waiting', { duration: duration(waiting) })}
            </p>
          ) : null}
        </div>
        <PlayerControls
          playing={replay.playing}
          atStart={replay.position <= 0}
          atEnd={atEnd}
          speed={replay.speed}
          onPlay={() => dispatch(play())}
          onPause={() => dispatch(pause())}
          onStep={(d) => dispatch(stepped(d))}
          onRestart={() => {
            dispatch(pause());
            dispatch(seeked(0));
          }}
          onSpeed={(s) => dispatch(speedChanged(s))}
        />
        <Scrubber
          line={line}
          position={replay.position}
          index={index}
          valueText={valueText}
          annotations={data.annotations}
          seqs={seqs}
          onSeek={(p) => dispatch(seeked(p))}
          onStep={(d) => dispatch(stepped(d))}
        />
        {/* Spoken when paused or stepping only: at ×32 every event would drown the reader. */}
        <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
          {replay.playing ? '' : valueText}
        </div>
      </section>

      <div className="replay__body">
        <section className="replay__screen" aria-labelledby="screen-title">
          <h2 id="screen-title" className="sr-only">
            {t('replay.screen')}
          </h2>
          {pinned.length > 0 && (
            <div className="pinned-notes" data-testid="replay-pinned">
              {pinned.map((a) => (
                <p key={a.id} className="pinned-note" role="note">
                  <span className="legend-swatch legend-swatch--pin" aria-hidden="true" />
                  <strong>{t('replay.annotations.by', { name: a.authorName })}</strong> {a.text}
                </p>
              ))}
            </div>
          )}
          {frame.conversation ? renderScreen(frame) : <p className="empty">{t('replay.notStarted')}</p>}
        </section>
        <aside className="replay__side" aria-label={t('replay.side')}>
          <CitizenCard citizen={frame.citizen} label={citizenLabel} />
          <AnnotationsPanel
            annotations={data.annotations}
            reachedSeqs={reached}
            canAnnotate={can(viewer.role, 'replay:annotate')}
            viewerId={viewer.id}
            viewerIsAdmin={viewer.role === 'admin'}
            pending={replay.annotation.pending}
            error={replay.annotation.error ? refusalText(t, replay.annotation.error) : null}
            pinLabel={current ? t('replay.annotations.pinAt', { index: index + 1, when: instant(instantMs ?? current.at) }) : t('replay.annotations.pinStart')}
            onAdd={async (text) => addAnnotation.fulfilled.match(await dispatch(addAnnotation({ text })))}
            onEdit={(annotationId, text) => void dispatch(editAnnotation({ id: annotationId, text }))}
            onDelete={(annotationId) => void dispatch(deleteAnnotation(annotationId))}
            onJump={(seq) => dispatch(seeked(positionOf(line, seqs.indexOf(seq))))}
          />
          <EventLog
            events={data.events}
            currentIndex={index}
            markers={line.markers}
            hidden={data.hidden}
            describe={describe}
            onJump={(i) => {
              dispatch(pause());
              dispatch(seeked(positionOf(line, i)));
            }}
          />
          {tools}
        </aside>
      </div>
    </div>
  );
}
