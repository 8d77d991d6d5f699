import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { placeholderNames, AUTO_PLACEHOLDERS } from '../../../shared/answer-text.js';
import { ANSWER_VARIANTS, AnswerContent, type Answer, type AnswerVariant } from '../../../shared/answers.js';
import { TEXT_LIMITS } from '../../../shared/channel-limits.js';
import { ApiError, toFailure } from '../../app/api.js';
import { refusalText } from '../../ui/errorText.js';
import { createAnswer, updateAnswer } from './answersApi.js';

export interface AnswerEditorProps {
  /** The answer to edit (its current version), or null for a new one. */
  answer: Answer | null;
  themes: readonly string[];
  /** Answers a new one may translate. */
  library: readonly Answer[];
  onDone(): void;
  /** Inside the administration page: its title is an h2. */
  embedded?: boolean;
}

type Form = {
  title: string;
  theme: string;
  language: string;
  variants: Record<AnswerVariant, string>;
  links: { label: string; url: string }[];
  group: string;
  archived: boolean;
};

function formOf(answer: Answer | null): Form {
  return {
    title: answer?.title ?? '',
    theme: answer?.theme ?? '',
    language: answer?.language ?? 'fr',
    variants: { email: answer?.variants.email ?? '', short: answer?.variants.short ?? '', phone: answer?.variants.phone ?? '' },
    links: answer?.links.map((l) => ({ ...l })) ?? [],
    group: answer?.group ?? '',
    archived: answer?.archived ?? false,
  };
}

const SHORTEST_LIMIT = Math.min(...Object.values(TEXT_LIMITS));

/**
 * Writing or editing an answer: saving an edit adds a version. The form is checked with the very
 * schema the server applies, so the agent reads the reasons here, field by field.
 */
export function AnswerEditor({ answer, themes, library, onDone, embedded = false }: AnswerEditorProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(() => formOf(answer));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const ids = useId();
  const Title = embedded ? 'h2' : 'h1';

  const unknownPlaceholders = [...new Set(ANSWER_VARIANTS.flatMap((v) => placeholderNames(form.variants[v])))].filter(
    (n) => !(AUTO_PLACEHOLDERS as readonly string[]).includes(n),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const content = {
      title: form.title,
      theme: form.theme,
      language: form.language,
      variants: Object.fromEntries(ANSWER_VARIANTS.filter((v) => form.variants[v].trim()).map((v) => [v, form.variants[v]])),
      links: form.links.filter((l) => l.label.trim() || l.url.trim()),
      ...(form.group ? { group: form.group } : {}),
      archived: form.archived,
    };
    const parsed = AnswerContent.safeParse(content);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'form', i.message])));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      if (answer) await updateAnswer(answer.id, parsed.data, answer.version);
      else await createAnswer(parsed.data);
      onDone();
    } catch (error) {
      setConflict(error instanceof ApiError && error.status === 409);
      setFailure(refusalText(t, toFailure(error)));
    } finally {
      setSaving(false);
    }
  };

  const field = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${name}-error` } : {});
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`${ids}-${name}-error`} className="field__error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form className="answer-editor" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-title`} noValidate>
      <Title id={`${ids}-title`}>{answer ? t('answers.editTitle', { title: answer.title, version: answer.version + 1 }) : t('answers.new')}</Title>
      <div className="field">
        <label htmlFor={`${ids}-t`}>{t('answers.fieldTitle')}</label>
        <input id={`${ids}-t`} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required {...field('title')} />
        {errorOf('title')}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-th`}>{t('answers.theme')}</label>
        <input id={`${ids}-th`} list={`${ids}-themes`} value={form.theme} onChange={(e) => setForm({ ...form, theme: e.target.value })} required {...field('theme')} />
        <datalist id={`${ids}-themes`}>
          {themes.map((th) => (
            <option key={th} value={th} />
          ))}
        </datalist>
        {errorOf('theme')}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-l`}>{t('answers.language')}</label>
        <select id={`${ids}-l`} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
          <option value="fr">{t('answers.lang.fr')}</option>
          <option value="en">{t('answers.lang.en')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-g`}>{t('answers.translates')}</label>
        <select id={`${ids}-g`} value={form.group} onChange={(e) => setForm({ ...form, group: e.target.value })} {...field('group')}>
          <option value="">{t('answers.translatesNone')}</option>
          {library
            .filter((a) => a.id !== answer?.id && !a.group)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.title} ({a.language.toUpperCase()})
              </option>
            ))}
        </select>
        {errorOf('group')}
      </div>
      <p className="muted">{t('answers.placeholdersHelp', { names: AUTO_PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ') })}</p>
      {ANSWER_VARIANTS.map((v) => {
        const length = [...form.variants[v]].length;
        const over = v === 'short' && length > SHORTEST_LIMIT;
        return (
          <div className="field" key={v}>
            <label htmlFor={`${ids}-v-${v}`}>{t(`answers.variant.${v}`)}</label>
            <textarea id={`${ids}-v-${v}`} value={form.variants[v]} onChange={(e) => setForm({ ...form, variants: { ...form.variants, [v]: e.target.value } })} aria-describedby={`${ids}-v-${v}-count`} />
            <span id={`${ids}-v-${v}-count`} className={over ? 'field__error' : 'muted'}>
              {v === 'short' ? t('answers.shortCount', { length, limit: SHORTEST_LIMIT }) : t('answers.chars', { length })}
            </span>
          </div>
        );
      })}
      {errorOf('variants')}
      {unknownPlaceholders.length > 0 && (
        <p className="muted" role="status">
          {t('answers.manualPlaceholders', { names: unknownPlaceholders.map((n) => `{{${n}}}`).join(', ') })}
        </p>
      )}
      <fieldset className="answer-editor__links">
        <legend>{t('answers.links')}</legend>
        {form.links.map((link, i) => (
          <div key={i} className="field field--inline">
            <label htmlFor={`${ids}-ll-${i}`}>{t('answers.linkLabel')}</label>
            <input id={`${ids}-ll-${i}`} value={link.label} onChange={(e) => setForm({ ...form, links: form.links.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)) })} {...field(`links.${i}.label`)} />
            <label htmlFor={`${ids}-lu-${i}`}>{t('answers.linkUrl')}</label>
            <input id={`${ids}-lu-${i}`} type="url" value={link.url} onChange={(e) => setForm({ ...form, links: form.links.map((l, j) => (j === i ? { ...l, url: e.target.value } : l)) })} {...field(`links.${i}.url`)} />
            <button type="button" className="button button--small button--ghost" onClick={() => setForm({ ...form, links: form.links.filter((_, j) => j !== i) })}>
              {t('answers.removeLink')}
            </button>
            {errorOf(`links.${i}.url`)}
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setForm({ ...form, links: [...form.links, { label: '', url: 'https://' }] })}>
          {t('answers.addLink')}
        </button>
      </fieldset>
      {answer && (
        <label className="field field--inline">
          <input type="checkbox" checked={form.archived} onChange={(e) => setForm({ ...form, archived: e.target.checked })} />
          {t('answers.archive')}
        </label>
      )}
      {failure && (
        <p role="alert" className="field__error">
          {failure}
          {conflict && (
            <>
              {' '}
              <button type="button" className="button button--small" onClick={onDone}>
                {t('answers.reload')}
              </button>
            </>
          )}
        </p>
      )}
      <div className="answer-card__actions">
        <button type="submit" className="button button--primary" disabled={saving} data-testid="answer-save">
          {answer ? t('answers.saveVersion') : t('answers.create')}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t('answers.cancel')}
        </button>
      </div>
    </form>
  );
}
