import { refusalText } from '../../ui/errorText.js';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageId } from '../../../shared/ids.js';
import type { CallDetails } from '../../../shared/model.js';
import { useAppDispatch } from '../../app/hooks.js';
import { summarizeCall } from '../../realtime/commands.js';

export interface CallSummaryProps {
  messageId: MessageId;
  call: CallDetails;
  /** A replayed screen shows the summary but offers no editing. */
  readOnly?: boolean;
}

/**
 * The summary the agent who took the call writes into its entry. Saved through `call:summarize`;
 * the entry shows the new text when the journal event comes back (to every agent watching).
 */
export function CallSummary({ messageId, call, readOnly = false }: CallSummaryProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setText(call.summary ?? '');
    setError(null);
    setEditing(true);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const summary = text.trim();
    if (!summary) return;
    setBusy(true);
    setError(null);
    const ack = await dispatch(summarizeCall({ messageId, summary })).unwrap();
    setBusy(false);
    if (ack.ok) setEditing(false);
    else setError(t('call.summaryError', { reason: refusalText(t, ack.error) }));
  };

  if (editing) {
    return (
      <form className="entry__call-summary-form" onSubmit={(e) => void save(e)}>
        <label htmlFor={`${id}-text`}>{t('call.summaryLabel')}</label>
        <textarea id={`${id}-text`} data-testid="call-summary-input" rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="entry__call-summary-actions">
          <button type="submit" className="button button--small button--primary" data-testid="call-summary-save" disabled={busy || !text.trim()}>
            {t('call.saveSummary')}
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => setEditing(false)}>
            {t('call.cancel')}
          </button>
        </div>
        {error && (
          <p role="alert" className="inline-error">
            {error}
          </p>
        )}
      </form>
    );
  }
  return (
    <div className="entry__call-summary">
      {call.summary && <p className="entry__text">{t('call.summaryIs', { summary: call.summary })}</p>}
      {/* A call still ringing has nothing to summarise yet. */}
      {call.outcome !== 'ringing' && !readOnly && (
        <button type="button" className="button button--small" data-testid="call-summary-edit" onClick={open}>
          {call.summary ? t('call.editSummary') : t('call.addSummary')}
        </button>
      )}
    </div>
  );
}
