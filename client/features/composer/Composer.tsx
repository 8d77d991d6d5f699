import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { atLeast, type IdentityLevel } from '../../../shared/identity-levels.js';
import { useTranslation } from 'react-i18next';
import type { CitizenId, ConversationId } from '../../../shared/ids.js';
import type { AnswerUse, Channel, Identity } from '../../../shared/model.js';
import { unfilledPlaceholders } from '../../../shared/answer-text.js';
import { whatsappWindow } from '../../../shared/whatsapp-window.js';
import type { Mentionable } from './mentionDraft.js';
import { useMentionPicker } from './useMentionPicker.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { agentTyping } from '../../realtime/actions.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { refusalText } from '../../ui/errorText.js';
import { useNow } from '../../ui/useNow.js';
import { CallLogForm } from './CallLogForm.js';
import { defaultReplyChannel, levelOnChannel, replyChannels } from './channels.js';
import { selectDraft, selectPendingSendsFor } from './composerSelectors.js';
import {
  draftAnswerInserted,
  draftChannelChanged,
  draftModeChanged,
  draftTextChanged,
  pendingSendDiscarded,
  retryPendingSend,
  retriesByItself,
  submitDraft,
  type ComposerMode,
} from './composerSlice.js';
import { WhatsappWindowNotice } from './WhatsappWindowNotice.js';
// Collision (issue 13): who else is here, and replies sent to this citizen meanwhile.
import { CollisionLine } from './CollisionLine.js';
import { SentMeanwhileWarning, useSentMeanwhile } from './SentMeanwhileWarning.js';
import { useCollisionPresence, useComposerActivity } from './useCollisionPresence.js';

export interface ComposerProps {
  conversationId: ConversationId;
  /** The citizen's identities: which channels can carry a reply. */
  identities: readonly Identity[];
  /** Channel of the last inbound message of this conversation. */
  lastInboundChannel: Channel | null;
  /** Whether the agent may send replies / notes at all. */
  canReply: boolean;
  /** When the citizen last wrote on WhatsApp (shared/whatsapp-window.ts), for the 24-hour window. */
  lastWhatsappAt?: string | null;
  /**
   * The identity level the conversation's queue requires before personal or case data goes out
   * (Queue.requiredLevel). Below it on the chosen channel, sending asks for a confirmation first.
   */
  requiredLevel?: IdentityLevel | undefined;
  /** The queue's name, for the warning. */
  queueName?: string | undefined;
  /**
   * The answer library's picker, drawn by the app (the library is a feature of its own): opened
   * from the button or by typing "/" in an empty reply.
   */
  answerPicker?: (props: AnswerPickerSlot) => ReactNode;
  /** The conversation's citizen: a colleague's reply to them since the draft began asks for a confirmation. */
  citizenId?: CitizenId | undefined;
  /** Colleagues a note may mention ("@"): those who may open the conversation. */
  mentionable?: readonly Mentionable[] | undefined;
}

export interface AnswerPickerSlot {
  channel: Channel;
  initialQuery: string;
  onInsert(text: string, answer: AnswerUse): void;
  onClose(): void;
}

const NO_ONE: readonly Mentionable[] = [];

export function Composer({ conversationId, identities, lastInboundChannel, canReply, lastWhatsappAt = null, requiredLevel, queueName, answerPicker, citizenId, mentionable = NO_ONE }: ComposerProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const draft = useAppSelector((s) => selectDraft(s, conversationId));
  const pending = useAppSelector((s) => selectPendingSendsFor(s, conversationId));
  const hintId = useId();
  const available = useMemo(() => replyChannels(identities), [identities]);
  const fallback = defaultReplyChannel(available, lastInboundChannel);
  const channel = draft.channel !== null && available.includes(draft.channel) ? draft.channel : fallback;
  const isNote = draft.mode === 'note';
  const noChannel = !isNote && channel === null;
  const empty = draft.text.trim().length === 0;
  const isCall = draft.mode === 'call';
  const now = useNow(30_000);
  const windowId = useId();
  // WhatsApp refuses free text 24 hours after the citizen's last message there (the server too).
  const waWindow = draft.mode === 'reply' && channel === 'whatsapp' ? whatsappWindow(lastWhatsappAt, now) : null;
  const blocked = waWindow !== null && !waWindow.open;

  // The queue asks for a stronger identity than the citizen has on this channel: the agent says
  // they mean it before a reply goes out (a warning, not a lock: the reply may hold no personal data).
  const held = draft.mode === 'reply' && channel !== null ? levelOnChannel(identities, channel) : null;
  const belowLevel = requiredLevel !== undefined && draft.mode === 'reply' && channel !== null && (held === null || !atLeast(held, requiredLevel));
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const warningId = useId();
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => setConfirming(false), [channel, draft.mode]);
  useCollisionPresence(conversationId, useComposerActivity(draft.mode, draft.text));
  const sentMeanwhile = useSentMeanwhile(conversationId, citizenId);
  const [confirmingMeanwhile, setConfirmingMeanwhile] = useState(false);

  // A library answer's placeholders the agent has not filled yet: the server would refuse the reply.
  const unfilled = draft.mode === 'reply' ? unfilledPlaceholders(draft.text) : [];
  const unfilledId = useId();
  const [picking, setPicking] = useState<{ query: string } | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const closePicker = () => {
    setPicking(null);
    inputRef.current?.focus();
  };
  const pickerOffered = answerPicker !== undefined && draft.mode === 'reply' && channel !== null && canReply;

  // Only a web-chat citizen sees an agent typing, and only a reply: never a note.
  const typingShown = draft.mode === 'reply' && channel === 'webchat';
  const submit = (confirmed = false, meanwhileSeen = false) => {
    if (empty || noChannel || !canReply || isCall || blocked || unfilled.length > 0) return;
    if (belowLevel && !confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    if (!isNote && sentMeanwhile.length > 0 && !meanwhileSeen) {
      setConfirmingMeanwhile(true);
      return;
    }
    setConfirmingMeanwhile(false);
    if (typingShown) dispatch(agentTyping({ conversationId, typing: false }));
    void dispatch(submitDraft({ conversationId, channel }));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  const mentions = useMentionPicker({
    enabled: isNote && mentionable.length > 0,
    colleagues: mentionable,
    text: draft.text,
    inputRef,
    onText: (text) => dispatch(draftTextChanged({ conversationId, text })),
  });

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.onKeyDown(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  const setMode = (mode: ComposerMode) => dispatch(draftModeChanged({ conversationId, mode }));

  return (
    <section className={`composer${isNote ? ' composer--note' : ''}`} aria-label={t('composer.label')}>
      <CollisionLine conversationId={conversationId} />
      {picking && pickerOffered && channel !== null &&
        answerPicker({
          channel,
          initialQuery: picking.query,
          onInsert: (text, answer) => {
            dispatch(draftAnswerInserted({ conversationId, text, answer }));
            closePicker();
          },
          onClose: closePicker,
        })}
      {pending.length > 0 && (
        <ul className="pending-sends" aria-label={t('composer.pendingSends')}>
          {pending.map((o) => (
            <li key={o.clientMessageId} className={`pending-sends__item pending-sends__item--${o.status}`}>
              <span className="pending-sends__text">
                {o.mode === 'note' ? t('composer.note') : t(`channel.${o.channel}`)} — {o.text}
              </span>
              {o.status === 'sending' ? (
                <span className="pending-sends__status" role="status">
                  {t('composer.sending')}
                </span>
              ) : (
                <span className="pending-sends__status" role="alert">
                  <span aria-hidden="true">⚠ </span>
                  {t('composer.failed', { reason: o.error ? refusalText(t, o.error) : '' })}
                  {retriesByItself(o) && <span className="pending-sends__auto"> {t('composer.autoRetry')}</span>}
                  <button type="button" className="button button--small" onClick={() => void dispatch(retryPendingSend(o.clientMessageId))}>
                    {t('composer.retry')}
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => dispatch(pendingSendDiscarded(o.clientMessageId))}>
                    {t('composer.edit')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit}>
        <div className="composer__bar">
          <fieldset className="segmented segmented--small">
            <legend className="sr-only">{t('composer.mode')}</legend>
            <label className={draft.mode === 'reply' ? 'segmented__item is-checked' : 'segmented__item'}>
              <input type="radio" name={`mode-${conversationId}`} checked={draft.mode === 'reply'} onChange={() => setMode('reply')} />
              <span>{t('composer.reply')}</span>
            </label>
            <label className={isNote ? 'segmented__item is-checked' : 'segmented__item'}>
              <input
                type="radio"
                name={`mode-${conversationId}`}
                checked={isNote}
                onChange={() => setMode('note')}
                data-testid="composer-mode-note"
              />
              <span>{t('composer.note')}</span>
            </label>
            <label className={isCall ? 'segmented__item is-checked' : 'segmented__item'}>
              <input type="radio" name={`mode-${conversationId}`} checked={isCall} onChange={() => setMode('call')} data-testid="composer-mode-call" />
              <span>{t('composer.call')}</span>
            </label>
          </fieldset>
          {draft.mode === 'reply' && (
            <div className="field field--inline">
              <label htmlFor={`channel-${conversationId}`}>{t('composer.channel')}</label>
              {available.length > 0 ? (
                <span className="composer__channel">
                  {channel && <ChannelIcon kind={channel} />}
                  <select
                    id={`channel-${conversationId}`}
                    value={channel ?? ''}
                    onChange={(e) =>
                      dispatch(draftChannelChanged({ conversationId, channel: e.target.value as Channel }))
                    }
                  >
                    {available.map((c) => (
                      <option key={c} value={c}>
                        {t(`channel.${c}`)}
                      </option>
                    ))}
                  </select>
                </span>
              ) : (
                <span id={`channel-${conversationId}`} className="muted">
                  {t('composer.noChannel')}
                </span>
              )}
            </div>
          )}
          {pickerOffered && (
            <button
              type="button"
              className="button button--small button--ghost"
              aria-haspopup="dialog"
              aria-expanded={picking !== null}
              onClick={() => setPicking(picking ? null : { query: '' })}
              data-testid="composer-answers"
            >
              {t('composer.answers')}
            </button>
          )}
          {!isCall && (
            <span id={hintId} className="muted composer__hint">
              {isNote ? t('composer.noteHint') : t('composer.hint')}
            </span>
          )}
        </div>
        {waWindow && <WhatsappWindowNotice window={waWindow} id={windowId} />}
        {unfilled.length > 0 && (
          <p className="composer__placeholder-warning" id={unfilledId} role="status" data-testid="composer-unfilled">
            <span aria-hidden="true">⚠ </span>
            {t('composer.unfilled', { names: unfilled.map((n) => (n === '{{' || n === '}}' ? n : `{{${n}}}`)).join(', '), count: unfilled.length })}
          </p>
        )}
        {confirming && belowLevel && requiredLevel && (
          <div className="composer__level-warning" role="alert" id={warningId} data-testid="composer-level-warning">
            <span aria-hidden="true">⚠ </span>
            <span>
              {t('composer.levelWarning', {
                level: held ? t(`identity.level.${held}`) : t('composer.levelNone'),
                required: t(`identity.level.${requiredLevel}`),
                queue: queueName ?? '',
              })}
            </span>
            <button type="button" ref={confirmRef} className="button button--small" onClick={() => submit(true)} aria-describedby={warningId}>
              {t('composer.sendAnyway')}
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => setConfirming(false)}>
              {t('composer.cancelSend')}
            </button>
          </div>
        )}
        {confirmingMeanwhile && !isNote && sentMeanwhile.length > 0 && (
          <SentMeanwhileWarning sent={sentMeanwhile} onSend={() => submit(true, true)} onCancel={() => setConfirmingMeanwhile(false)} />
        )}
        {isCall ? (
          <CallLogForm conversationId={conversationId} disabled={!canReply} />
        ) : (
          <>
            <label htmlFor={`composer-${conversationId}`} className="sr-only">
              {isNote ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
            </label>
            {/* The send button beside the text, the hint in the bar above: one row less under the timeline. */}
            <div className="composer__row">
            <textarea
              ref={inputRef}
              id={`composer-${conversationId}`}
              data-testid="composer-input"
              className="composer__input"
              rows={3}
              value={draft.text}
              placeholder={isNote ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
              aria-describedby={[hintId, waWindow ? windowId : '', unfilled.length > 0 ? unfilledId : ''].filter(Boolean).join(' ')}
              disabled={!canReply}
              {...mentions.inputProps}
              onChange={(e) => {
                // "/" typed into an empty reply opens the library instead of going into the text.
                if (pickerOffered && draft.text === '' && e.target.value === '/') {
                  setPicking({ query: '' });
                  return;
                }
                dispatch(draftTextChanged({ conversationId, text: e.target.value }));
                mentions.onTextChanged(e.target.value, e.target.selectionStart);
                if (typingShown) dispatch(agentTyping({ conversationId, typing: e.target.value.trim().length > 0 }));
              }}
              onBlur={() => typingShown && dispatch(agentTyping({ conversationId, typing: false }))}
              onKeyDown={onKeyDown}
            />
            {mentions.list}
              <button
                type="submit"
                className={`button ${isNote ? 'button--note' : 'button--primary'}`}
                data-testid="composer-send"
                disabled={empty || noChannel || !canReply || blocked || unfilled.length > 0}
              >
                {isNote ? t('composer.addNote') : t('composer.send')}
              </button>
            </div>
          </>
        )}
      </form>
    </section>
  );
}
