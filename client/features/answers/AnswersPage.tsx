import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ANSWER_VARIANTS, type Answer, type AnswerListing, type AnswerUsage } from '../../../shared/answers.js';
import type { Agent } from '../../../shared/model.js';
import { can } from '../../../shared/permissions.js';
import { toFailure } from '../../app/api.js';
import { refusalText } from '../../ui/errorText.js';
import { formatDateTime } from '../../ui/format.js';
import { AnswerEditor } from './AnswerEditor.js';
import { fetchLibrary, fetchVersions, type LibraryQuery } from './answersApi.js';
import { PlaceholderText } from './PlaceholderText.js';
import './answers.css';

export interface AnswersPageProps {
  viewer: Agent;
  /** Inside another page (the administration): headings one level down, no landmark of its own. */
  embedded?: boolean;
  /** Staff names, for who wrote each version and who used an answer. */
  agentName(id: string): string;
}

type Editing = { kind: 'new' } | { kind: 'edit'; answer: Answer } | null;

/**
 * The library: every current answer by theme, with its variants, its links, its translations side
 * by side, how often it was used lately (and by whom, on which channel), and its versions.
 * Supervisors write and edit here; everyone else reads.
 */
export function AnswersPage({ viewer, agentName, embedded = false }: AnswersPageProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState<LibraryQuery>({});
  const [listing, setListing] = useState<AnswerListing | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [reloads, setReloads] = useState(0);
  const manages = can(viewer.role, 'answers:manage');
  const ids = useId();

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchLibrary(query, controller.signal).then(
        (l) => {
          setListing(l);
          setFailure(null);
        },
        (e: unknown) => !controller.signal.aborted && setFailure(refusalText(t, toFailure(e))),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, reloads, t]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const usage = useMemo(() => new Map((listing?.usage ?? []).map((u) => [u.answerId as string, u])), [listing]);
  // Translations sit beside the answer they translate; one whose original is not listed stands alone.
  const groups = useMemo(() => {
    const items = listing?.items ?? [];
    const listed = new Set(items.map((a) => a.id as string));
    const byTheme = new Map<string, { main: Answer; translations: Answer[] }[]>();
    const translations = new Map<string, Answer[]>();
    for (const a of items) if (a.group && a.group !== a.id && listed.has(a.group)) translations.set(a.group, [...(translations.get(a.group) ?? []), a]);
    for (const a of items) {
      if (a.group && a.group !== a.id && listed.has(a.group)) continue;
      const list = byTheme.get(a.theme) ?? [];
      list.push({ main: a, translations: translations.get(a.id) ?? [] });
      byTheme.set(a.theme, list);
    }
    return [...byTheme];
  }, [listing]);

  const Title = embedded ? 'h2' : 'h1';
  const ThemeHeading = embedded ? 'h3' : 'h2';
  const Root = embedded ? 'section' : 'main';
  const rootProps = embedded ? { 'aria-labelledby': `${ids}-title` } : { id: 'main', tabIndex: -1 };

  if (editing) {
    return (
      <Root className="page answers-page" {...rootProps}>
        <AnswerEditor
          embedded={embedded}
          answer={editing.kind === 'edit' ? editing.answer : null}
          themes={listing?.themes ?? []}
          library={listing?.items ?? []}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      </Root>
    );
  }

  return (
    <Root className="page answers-page" {...rootProps}>
      <div className="answers-page__head">
        <Title id={`${ids}-title`}>{t('answers.title')}</Title>
        {manages && (
          <button type="button" className="button button--primary" onClick={() => setEditing({ kind: 'new' })} data-testid="answers-new">
            {t('answers.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('answers.intro')}</p>
      <form className="answers-page__filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${ids}-q`}>{t('answers.search')}</label>
          <input id={`${ids}-q`} type="search" value={query.q ?? ''} onChange={(e) => setQuery({ ...query, q: e.target.value })} placeholder={t('answers.searchPlaceholder')} data-testid="answers-search" />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-theme`}>{t('answers.theme')}</label>
          <select id={`${ids}-theme`} value={query.theme ?? ''} onChange={(e) => setQuery({ ...query, theme: e.target.value || undefined })}>
            <option value="">{t('answers.allThemes')}</option>
            {(listing?.themes ?? []).map((th) => (
              <option key={th}>{th}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-lang`}>{t('answers.language')}</label>
          <select id={`${ids}-lang`} value={query.language ?? ''} onChange={(e) => setQuery({ ...query, language: e.target.value || undefined })}>
            <option value="">{t('answers.allLanguages')}</option>
            <option value="fr">{t('answers.lang.fr')}</option>
            <option value="en">{t('answers.lang.en')}</option>
          </select>
        </div>
        <label className="field field--inline">
          <input type="checkbox" checked={query.archived ?? false} onChange={(e) => setQuery({ ...query, archived: e.target.checked })} />
          {t('answers.showArchived')}
        </label>
      </form>
      {failure && <p role="alert">{failure}</p>}
      {listing && (
        <p className="muted" role="status">
          {t('answers.count', { count: listing.items.length, since: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(listing.usageSince)) })}
        </p>
      )}
      {groups.map(([theme, entries]) => (
        <section key={theme} className="answers-page__theme" aria-labelledby={`${ids}-${theme}`}>
          <ThemeHeading id={`${ids}-${theme}`}>{theme}</ThemeHeading>
          {entries.map(({ main, translations }) => (
            <AnswerCard key={main.id} answers={[main, ...translations]} usage={usage} manages={manages} agentName={agentName} embedded={embedded} onEdit={(answer) => setEditing({ kind: 'edit', answer })} />
          ))}
        </section>
      ))}
    </Root>
  );
}

function AnswerCard({
  answers,
  usage,
  manages,
  agentName,
  embedded,
  onEdit,
}: {
  answers: Answer[];
  embedded: boolean;
  usage: Map<string, AnswerUsage>;
  manages: boolean;
  agentName(id: string): string;
  onEdit(answer: Answer): void;
}) {
  const { t } = useTranslation();
  const main = answers[0]!;
  const titleId = useId();
  const Heading = embedded ? 'h4' : 'h3';
  return (
    <article className="answer-card" aria-labelledby={titleId} data-testid="answer-card">
      <div className="answer-card__head">
        <Heading id={titleId} className="answer-card__title">
          {main.title} {main.archived && <span className="muted">({t('answers.archived')})</span>}
        </Heading>
        <span className="muted">{t('answers.versionOf', { version: main.version })}</span>
      </div>
      <div className="answer-card__langs">
        {answers.map((a) => (
          <div key={a.id} lang={a.language}>
            {answers.length > 1 && (
              <p>
                <span className="lang-badge">{a.language.toUpperCase()}</span> {a !== main && a.title}
              </p>
            )}
            <details>
              <summary>{t('answers.variants')}</summary>
              <dl className="answer-card__variants">
                {ANSWER_VARIANTS.filter((v) => a.variants[v] !== undefined).map((v) => (
                  <div key={v}>
                    <dt>{t(`answers.variant.${v}`)}</dt>
                    <dd className="answer-card__text">
                      <PlaceholderText text={a.variants[v]!} />
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
            {a.links.length > 0 && (
              <ul className="answer-picker__links" aria-label={t('answers.links')}>
                {a.links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} target="_blank" rel="noreferrer noopener">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <UsageLine usage={usage.get(a.id)} agentName={agentName} />
            <div className="answer-card__actions">
              <Versions answer={a} agentName={agentName} />
              {manages && (
                <button type="button" className="button button--small" onClick={() => onEdit(a)} data-testid="answer-edit">
                  {t('answers.edit')}
                </button>
              )}
            </div>
          </div>
        ))}
      </div>
    </article>
  );
}

function UsageLine({ usage, agentName }: { usage: AnswerUsage | undefined; agentName(id: string): string }) {
  const { t } = useTranslation();
  if (!usage) return <p className="muted answer-card__usage">{t('answers.unused')}</p>;
  const channels = Object.entries(usage.byChannel)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${t(`channel.${c}`)} ${n}`)
    .join(' · ');
  const agents = usage.byAgent
    .slice(0, 3)
    .map((a) => `${agentName(a.agentId)} ${a.count}`)
    .join(' · ');
  return (
    <p className="answer-card__usage">
      {t('answers.used', { count: usage.total })} — {channels}
      {agents && (
        <>
          <br />
          <span className="muted">{t('answers.usedBy', { agents })}</span>
        </>
      )}
    </p>
  );
}

function Versions({ answer, agentName }: { answer: Answer; agentName(id: string): string }) {
  const { t, i18n } = useTranslation();
  const [versions, setVersions] = useState<Answer[] | null>(null);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  useEffect(() => {
    if (open && versions === null) void fetchVersions(answer.id).then((r) => setVersions(r.items), () => setVersions([]));
  }, [open, versions, answer.id]);
  useEffect(() => setVersions(null), [answer.version]);
  return (
    <div>
      <button type="button" className="button button--small button--ghost" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t('answers.history', { count: answer.version })}
      </button>
      {open && (
        <ol id={panelId} className="answer-versions" aria-label={t('answers.historyOf', { title: answer.title })}>
          {(versions ?? []).map((v) => (
            <li key={v.version}>
              <strong>{t('answers.versionOf', { version: v.version })}</strong> — {formatDateTime(v.at, i18n.language)} — {agentName(v.by)}
              {ANSWER_VARIANTS.filter((k) => v.variants[k] !== undefined).map((k) => (
                <div key={k}>
                  <span className="muted">{t(`answers.variant.${k}`)}</span>
                  <div className="answer-card__text">
                    <PlaceholderText text={v.variants[k]!} />
                  </div>
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
