import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/answers.js';
import type { AnswerUse, Channel } from '../../../shared/model.js';
import { refusalText } from '../../ui/errorText.js';
import { toFailure } from '../../app/api.js';
import { fetchLibrary } from './answersApi.js';
import { previewAnswer, type PreviewContext } from './answerPreview.js';
import { PlaceholderText, placeholderLabel } from './PlaceholderText.js';
import './answers.css';

export interface AnswerPickerProps {
  /** The reply's channel: which variant, and which length limit. */
  channel: Channel;
  context: Omit<PreviewContext, 'now'>;
  /** What the agent typed after "/" to open it. */
  initialQuery?: string;
  onInsert(text: string, answer: AnswerUse): void;
  onClose(): void;
}

/**
 * The library inside the composer: search by words, pick with the arrows, see the text exactly as
 * it will go out on this channel (variant, filled placeholders, length), fill what Guichet cannot
 * know, insert. A dialog, so Escape closes it and focus goes back to the reply.
 */
export function AnswerPicker({ channel, context, initialQuery = '', onInsert, onClose }: AnswerPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initialQuery);
  const [items, setItems] = useState<Answer[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const titleId = useId();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchLibrary({ q }, controller.signal).then(
        (listing) => {
          setItems(listing.items);
          setFailure(null);
          setActive(0);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setFailure(refusalText(t, toFailure(error)));
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, t]);

  const selected = items?.[active] ?? null;
  const preview = useMemo(() => (selected ? previewAnswer(selected, channel, { ...context, now: new Date() }, typed) : null), [selected, channel, context, typed]);
  useEffect(() => setTyped({}), [selected?.id]);

  const insert = () => {
    if (!selected || !preview) return;
    onInsert(preview.text, { answerId: selected.id, version: selected.version });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' && items?.length) {
      e.preventDefault();
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (e.key === 'ArrowUp' && items?.length) {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && e.target === inputRef.current) {
      e.preventDefault();
      insert();
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <div className="answer-picker" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="answer-picker">
      <div className="answer-picker__head">
        <h2 id={titleId} className="answer-picker__title">
          {t('answers.pickerTitle')}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t('answers.close')}
        </button>
      </div>
      <label className="sr-only" htmlFor={`${listId}-q`}>
        {t('answers.search')}
      </label>
      <input
        ref={inputRef}
        id={`${listId}-q`}
        type="search"
        className="answer-picker__search"
        role="combobox"
        aria-expanded={items !== null && items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={selected ? optionId(active) : undefined}
        placeholder={t('answers.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="answer-picker-search"
      />
      <div className="answer-picker__body">
        <ul id={listId} role="listbox" aria-label={t('answers.results')} className="answer-picker__list">
          {(items ?? []).map((a, i) => (
            <li
              key={a.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'answer-picker__option is-active' : 'answer-picker__option'}
              onClick={() => setActive(i)}
              onDoubleClick={insert}
            >
              <span className="answer-picker__option-title">{a.title}</span>
              <span className="muted answer-picker__option-meta">
                {a.theme} · <span lang={a.language}>{a.language.toUpperCase()}</span>
              </span>
            </li>
          ))}
        </ul>
        <div className="answer-picker__preview" aria-live="polite">
          {failure && <p role="alert">{failure}</p>}
          {items !== null && items.length === 0 && !failure && <p className="muted">{t('answers.none')}</p>}
          {selected && preview && (
            <>
              <p className="answer-picker__variant">
                {t('answers.variantFor', { variant: t(`answers.variant.${preview.variant}`), channel: t(`channel.${channel}`) })}
                {preview.limit !== null && (
                  <span className={preview.fits ? 'muted' : 'answer-picker__too-long'}>
                    {' '}
                    {t(preview.fits ? 'answers.length' : 'answers.tooLong', { length: preview.length, limit: preview.limit })}
                  </span>
                )}
              </p>
              {preview.missing.length > 0 && (
                <fieldset className="answer-picker__fill">
                  <legend>{t('answers.fillLegend')}</legend>
                  {preview.missing.map((name) => (
                    <div key={name} className="field field--inline">
                      <label htmlFor={`${listId}-ph-${name}`}>{placeholderLabel(t, name)}</label>
                      <input id={`${listId}-ph-${name}`} value={typed[name] ?? ''} onChange={(e) => setTyped((v) => ({ ...v, [name]: e.target.value }))} />
                    </div>
                  ))}
                </fieldset>
              )}
              <div className="answer-picker__text" lang={selected.language} data-testid="answer-picker-preview">
                <PlaceholderText text={preview.text} />
              </div>
              {selected.links.length > 0 && (
                <ul className="answer-picker__links" aria-label={t('answers.links')}>
                  {selected.links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} target="_blank" rel="noreferrer noopener">
                        {l.label}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <button type="button" className="button button--primary button--small" onClick={insert} data-testid="answer-picker-insert">
                {preview.missing.length > 0 ? t('answers.insertIncomplete', { count: preview.missing.length }) : t('answers.insert')}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
