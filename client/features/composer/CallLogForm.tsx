import { refusalText } from '../../ui/errorText.js';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../../shared/ids.js';
import { useAppDispatch } from '../../app/hooks.js';
import { logCall } from '../../realtime/commands.js';

type Direction = 'inbound' | 'outbound';
type Outcome = 'answered' | 'missed' | 'voicemail' | 'abandoned';
const OUTCOMES: Record<Direction, readonly Outcome[]> = {
  // A call-back that reaches nobody is "missed"; one that reaches the answering machine, "voicemail".
  outbound: ['answered', 'missed', 'voicemail'],
  inbound: ['answered', 'missed', 'voicemail', 'abandoned'],
};

export interface CallLogFormProps {
  conversationId: ConversationId;
  disabled: boolean;
}

/**
 * Logs a call made or taken off the telephony integration (desk phone, mobile): a call-back, or
 * a citizen who reached an agent directly. Not a <form>: it sits inside the composer's form.
 */
export function CallLogForm({ conversationId, disabled }: CallLogFormProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [direction, setDirection] = useState<Direction>('outbound');
  const [outcome, setOutcome] = useState<Outcome>('answered');
  const [minutes, setMinutes] = useState('');
  const [number, setNumber] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // Kept until the server acknowledges, so a retry after a lost answer logs the call once.
  const clientMessageId = useRef(globalThis.crypto.randomUUID());

  const minutesValue = minutes.trim() === '' ? undefined : Number(minutes.replace(',', '.'));
  const invalidMinutes = minutesValue !== undefined && !(Number.isFinite(minutesValue) && minutesValue >= 0 && minutesValue <= 600);

  const submit = async () => {
    if (busy || invalidMinutes || disabled) return;
    setBusy(true);
    setResult(null);
    const ack = await dispatch(
      logCall({
        conversationId,
        direction,
        outcome,
        ...(minutesValue !== undefined ? { durationSec: Math.round(minutesValue * 60) } : {}),
        ...(number.trim() ? { number: number.trim() } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        clientMessageId: clientMessageId.current,
      }),
    ).unwrap();
    setBusy(false);
    if (ack.ok) {
      clientMessageId.current = globalThis.crypto.randomUUID();
      setMinutes('');
      setNotes('');
      setResult({ ok: true, text: t('composer.callLog.logged') });
    } else {
      setResult({ ok: false, text: t('composer.callLog.error', { reason: refusalText(t, ack.error) }) });
    }
  };

  const outcomes = OUTCOMES[direction];
  return (
    <div className="call-log" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="call-log__title">
        {t('composer.callLog.title')}
      </p>
      <div className="call-log__row">
        <fieldset className="segmented segmented--small">
          <legend className="sr-only">{t('composer.callLog.direction')}</legend>
          {(['outbound', 'inbound'] as const).map((d) => (
            <label key={d} className={direction === d ? 'segmented__item is-checked' : 'segmented__item'}>
              <input
                type="radio"
                name={`${id}-direction`}
                checked={direction === d}
                onChange={() => {
                  setDirection(d);
                  if (!OUTCOMES[d].includes(outcome)) setOutcome('answered');
                }}
              />
              <span>{t(`composer.callLog.${d}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field field--inline">
          <label htmlFor={`${id}-outcome`}>{t('composer.callLog.outcome')}</label>
          <select id={`${id}-outcome`} data-testid="call-log-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`call.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor={`${id}-minutes`}>{t('composer.callLog.minutes')}</label>
          <input
            id={`${id}-minutes`}
            className="call-log__minutes"
            inputMode="decimal"
            value={minutes}
            aria-invalid={invalidMinutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
        <div className="field field--inline">
          <label htmlFor={`${id}-number`}>{t('composer.callLog.number')}</label>
          <input id={`${id}-number`} className="call-log__number" type="tel" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} />
        </div>
      </div>
      <label htmlFor={`${id}-notes`} className="sr-only">
        {t('composer.callLog.notes')}
      </label>
      <textarea
        id={`${id}-notes`}
        data-testid="call-log-notes"
        className="composer__input"
        rows={2}
        maxLength={5000}
        placeholder={t('composer.callLog.notes')}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <div className="composer__footer">
        <span className="muted" role={result ? (result.ok ? 'status' : 'alert') : undefined}>
          {result?.text ?? (invalidMinutes ? t('composer.callLog.badMinutes') : '')}
        </span>
        <button type="button" className="button button--primary" data-testid="call-log-submit" disabled={busy || invalidMinutes || disabled} onClick={() => void submit()}>
          {t('composer.callLog.submit')}
        </button>
      </div>
    </div>
  );
}
