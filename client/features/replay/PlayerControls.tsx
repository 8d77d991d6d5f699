import { useTranslation } from 'react-i18next';
import { PlayerIcon } from './PlayerIcon.js';
import { SPEEDS, type Speed } from './playline.js';

export interface PlayerControlsProps {
  playing: boolean;
  atStart: boolean;
  atEnd: boolean;
  speed: Speed;
  onPlay(): void;
  onPause(): void;
  onStep(delta: number): void;
  onRestart(): void;
  onSpeed(speed: number): void;
}

/** Real buttons with visible names; the icons are decoration. */
export function PlayerControls({ playing, atStart, atEnd, speed, onPlay, onPause, onStep, onRestart, onSpeed }: PlayerControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="player-controls" role="group" aria-label={t('replay.controls.label')}>
      <button type="button" className="button button--small" onClick={onRestart} disabled={atStart} data-testid="replay-restart">
        <PlayerIcon kind="restart" />
        {t('replay.controls.restart')}
      </button>
      <button type="button" className="button button--small" onClick={() => onStep(-1)} disabled={atStart} data-testid="replay-prev">
        <PlayerIcon kind="previous" />
        {t('replay.controls.previous')}
      </button>
      {playing ? (
        <button type="button" className="button button--primary player-controls__main" onClick={onPause} data-testid="replay-toggle" data-action="pause">
          <PlayerIcon kind="pause" />
          {t('replay.controls.pause')}
        </button>
      ) : (
        <button type="button" className="button button--primary player-controls__main" onClick={onPlay} data-testid="replay-toggle" data-action="play">
          <PlayerIcon kind="play" />
          {atEnd ? t('replay.controls.replay') : t('replay.controls.play')}
        </button>
      )}
      <button type="button" className="button button--small" onClick={() => onStep(1)} disabled={atEnd} data-testid="replay-next">
        {t('replay.controls.next')}
        <PlayerIcon kind="next" />
      </button>
      <div className="field field--inline player-controls__speed">
        <label htmlFor="replay-speed">{t('replay.controls.speed')}</label>
        <select id="replay-speed" data-testid="replay-speed" value={speed} onChange={(e) => onSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
