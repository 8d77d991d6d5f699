import { refusalText } from '../../ui/errorText.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../../shared/ids.js';
import { useAppDispatch } from '../../app/hooks.js';
import { sendWhisper } from './supervisorSlice.js';

/** Monitor mode's only way to speak: to the agent, privately. */
export function WhisperForm({ conversationId, assigneeName }: { conversationId: ConversationId; assigneeName: string | null }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  if (!assigneeName) {
    return <p className="muted whisper-form__none">{t('supervisor.whisper.nobody')}</p>;
  }
  const submit = async () => {
    if (!text.trim()) return;
    setState({ kind: 'sending' });
    const result = await dispatch(sendWhisper({ conversationId, text })).unwrap();
    if (result.ok) {
      setText('');
      setState({ kind: 'sent' });
    } else setState({ kind: 'error', message: refusalText(t, result.error) });
  };
  return (
    <form
      className="whisper-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`}>{t('supervisor.whisper.title', { name: assigneeName })}</h3>
      <p id={`${id}-hint`} className="muted">
        {t('supervisor.whisper.hint')}
      </p>
      <label htmlFor={`${id}-text`} className="sr-only">
        {t('supervisor.whisper.label')}
      </label>
      <textarea
        id={`${id}-text`}
        aria-describedby={`${id}-hint`}
        rows={3}
        value={text}
        maxLength={5000}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="whisper-form__actions">
        <button type="submit" className="button" disabled={state.kind === 'sending' || !text.trim()}>
          {t('supervisor.whisper.send')}
        </button>
        <span role="status" className={state.kind === 'error' ? 'board-error' : 'muted'}>
          {state.kind === 'sent' ? t('supervisor.whisper.sent') : state.kind === 'error' ? state.message : ''}
        </span>
      </div>
    </form>
  );
}
