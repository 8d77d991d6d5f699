import '../../app/pageWords.js';
import './same-person.css';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenFile, DuplicateSuggestion, MergeHistoryEntry } from '../../../shared/api.js';
import type { CitizenId } from '../../../shared/ids.js';
import type { Agent, Citizen } from '../../../shared/model.js';
import type { SearchResults } from '../../../shared/search.js';
import { can } from '../../../shared/permissions.js';
import { apiRequest, toFailure } from '../../app/api.js';
import { selectAgents } from '../../app/directorySlice.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { dismissDuplicate, mergeCitizens, unmergeCitizen } from '../../realtime/commands.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';
import { refusalText } from '../../ui/errorText.js';
import { citizenNameDisplay, displayText, identityDisplay } from '../../ui/identityDisplay.js';

// "Même personne que…": the duplicate suggestions of the open record, the side-by-side check
// before a merge, and the record's merge history with the supervisors' undo. Loaded with its own
// words when a citizen's panel first shows (it is not on the console's first load).

type Status = { kind: 'idle' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

const nameOf = (c: Citizen) => citizenNameDisplay(c.displayName, c.identities.map((i) => i.kind));

export default function SamePerson({ citizen, viewer }: { citizen: Citizen; viewer: Pick<Agent, 'id' | 'role'> }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const agents = useAppSelector(selectAgents);
  const [suggestions, setSuggestions] = useState<DuplicateSuggestion[]>([]);
  const [history, setHistory] = useState<MergeHistoryEntry[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [comparing, setComparing] = useState<{ other: Citizen; reasons: string[] } | null>(null);
  const [picking, setPicking] = useState(false);
  const [undoing, setUndoing] = useState<MergeHistoryEntry | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const mayMerge = can(viewer.role, 'citizen:merge');
  const mayUnmerge = can(viewer.role, 'citizen:unmerge');

  const reload = useCallback(async () => {
    const id = encodeURIComponent(citizen.id);
    const [found, merges] = await Promise.all([
      mayMerge ? apiRequest<{ items: DuplicateSuggestion[] }>('GET', `/api/citizens/${id}/duplicates`).catch(() => ({ items: [] })) : { items: [] },
      apiRequest<{ items: MergeHistoryEntry[] }>('GET', `/api/citizens/${id}/merges`).catch(() => ({ items: [] })),
    ]);
    setSuggestions(found.items);
    setHistory(merges.items);
    // The other record of each entry, by name (a merged record still answers, as a pointer).
    const others = [...new Set(merges.items.map((e) => (e.survivorId === citizen.id ? e.mergedId : e.survivorId)))];
    const named = await Promise.all(
      others.map(async (other) => {
        const file = await apiRequest<CitizenFile>('GET', `/api/citizens/${encodeURIComponent(other)}`).catch(() => null);
        return [other, file ? displayText(nameOf(file.citizen), t) : t('merge.anotherRecord')] as const;
      }),
    );
    setNames(Object.fromEntries(named));
  }, [citizen.id, mayMerge, t]);

  // Again whenever the record changes (a merge, an unmerge, a new identity bumps it).
  useEffect(() => {
    void reload();
  }, [reload, citizen.revision, citizen.identities.length]);

  const dismiss = async (other: Citizen) => {
    const ack = await dispatch(dismissDuplicate({ citizenId: citizen.id, otherId: other.id })).unwrap();
    if (!ack.ok) return setStatus({ kind: 'error', text: refusalText(t, ack.error) });
    setSuggestions((all) => all.filter((s) => s.citizen.id !== other.id));
    setStatus({ kind: 'done', text: t('merge.dismissed', { name: displayText(nameOf(other), t) }) });
  };

  const unmerge = async (entry: MergeHistoryEntry, reason: string): Promise<string | null> => {
    const ack = await dispatch(unmergeCitizen({ mergedId: entry.mergedId, reason })).unwrap();
    if (!ack.ok) return refusalText(t, ack.error);
    setUndoing(null);
    setStatus({ kind: 'done', text: t('merge.unmerged') });
    void reload();
    return null;
  };

  const agentName = (id: string) => agents.find((a) => a.id === id)?.displayName ?? t('merge.someone');
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

  return (
    <section className="same-person" aria-labelledby="same-person-title">
      <h3 className="citizen__section" id="same-person-title">
        {t('merge.section')}
      </h3>
      <p className="same-person__status" role="status">
        {status.kind === 'done' ? status.text : ''}
      </p>
      {status.kind === 'error' && (
        <p className="same-person__error" role="alert">
          {status.text}
        </p>
      )}
      {suggestions.length > 0 && (
        <>
          <h4 className="same-person__subtitle">{t('merge.suggestions', { count: suggestions.length })}</h4>
          <ul className="same-person__list" data-testid="duplicate-suggestions">
            {suggestions.map((s) => (
              <li key={s.citizen.id} className="same-person__item">
                <span className="same-person__who">{displayText(nameOf(s.citizen), t)}</span>
                <span className="same-person__why">{s.reasons.map((r) => t(`merge.reasons.${r}`)).join(', ')}</span>
                <span className="same-person__actions">
                  <button type="button" className="button button--small" onClick={() => setComparing({ other: s.citizen, reasons: s.reasons })}>
                    {t('merge.compare')}
                    <span className="sr-only"> {displayText(nameOf(s.citizen), t)}</span>
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => void dismiss(s.citizen)}>
                    {t('merge.dismiss')}
                    <span className="sr-only"> {displayText(nameOf(s.citizen), t)}</span>
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {mayMerge && !citizen.mergedInto && (
        <button type="button" className="button button--small button--ghost" onClick={() => setPicking(true)}>
          {t('merge.samePerson')}
        </button>
      )}
      {history.length > 0 && (
        <>
          <h4 className="same-person__subtitle">{t('merge.history')}</h4>
          <ul className="same-person__list" data-testid="merge-history">
            {history.map((e) => {
              const other = names[e.survivorId === citizen.id ? e.mergedId : e.survivorId] ?? t('merge.anotherRecord');
              const words = {
                other,
                date: date(e.at),
                by: agentName(e.by),
                reason: e.reason,
              };
              return (
                <li key={e.seq} className="same-person__item">
                  <span>
                    {e.type === 'citizen.merged' ? t(e.survivorId === citizen.id ? 'merge.mergedIn' : 'merge.mergedInto', words) : t('merge.unmergedEntry', words)}
                    {e.undone && <span className="muted"> {t('merge.undone')}</span>}
                  </span>
                  {e.type === 'citizen.merged' && !e.undone && mayUnmerge && (
                    <button type="button" className="button button--small button--ghost" onClick={() => setUndoing(e)}>
                      {t('merge.unmerge')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {undoing && <ReasonDialog title={t('merge.unmergeTitle', { other: names[undoing.mergedId] ?? t('merge.anotherRecord') })} confirm={t('merge.unmergeConfirm')} onConfirm={(reason) => unmerge(undoing, reason)} onClose={() => setUndoing(null)} />}
      {picking && (
        <PickDialog
          citizen={citizen}
          onPick={(other) => {
            setPicking(false);
            setComparing({ other, reasons: suggestions.find((s) => s.citizen.id === other.id)?.reasons ?? [] });
          }}
          onClose={() => setPicking(false)}
        />
      )}
      {comparing && (
        <CompareDialog
          citizen={citizen}
          other={comparing.other}
          reasons={comparing.reasons}
          onClose={() => setComparing(null)}
          onMerge={async (survivorId, mergedId, reason) => {
            const ack = await dispatch(mergeCitizens({ survivorId, mergedId, reason, ...(comparing.reasons.length ? { suggested: comparing.reasons } : {}) })).unwrap();
            if (!ack.ok) return refusalText(t, ack.error);
            setComparing(null);
            setStatus({ kind: 'done', text: t('merge.done') });
            return null;
          }}
        />
      )}
    </section>
  );
}

/** A modal dialog: focus moves in, Escape closes, focus comes back where it was. */
function useModal(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal?.();
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    dialog?.addEventListener('cancel', cancel);
    return () => {
      dialog?.removeEventListener('cancel', cancel);
      before?.focus?.();
    };
  }, [onClose]);
  return ref;
}

/** A dialog's refusal, if any, then its confirm and cancel buttons. */
function DialogEnd({ error, confirm, disabled = false, onConfirm, onClose }: { error: string | null; confirm: string; disabled?: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="same-person__error" role="alert">
          {error}
        </p>
      )}
      <div className="merge-dialog__buttons">
        <button type="button" className="button" onClick={onConfirm} disabled={disabled}>
          {confirm}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          {t('merge.cancel')}
        </button>
      </div>
    </>
  );
}

/** Asks for the reason of a journaled act, then confirms it. */
function ReasonDialog({ title, confirm, onConfirm, onClose }: { title: string; confirm: string; onConfirm: (reason: string) => Promise<string | null>; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModal(onClose);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) return setError(t('errors.reason.reason_required'));
    setError(await onConfirm(reason.trim()));
  };
  return (
    <dialog ref={ref} className="merge-dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <label htmlFor={`${id}-reason`}>{t('merge.reason')}</label>
      <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} autoFocus />
      <DialogEnd error={error} confirm={confirm} onConfirm={() => void submit()} onClose={onClose} />
    </dialog>
  );
}

/** Picks the other record: by the search box's words (names, addresses, numbers, what they wrote). */
function PickDialog({ citizen, onPick, onClose }: { citizen: Citizen; onPick: (c: Citizen) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModal(onClose);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Citizen[] | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async () => {
    if (q.trim().length < 2) return;
    setBusy(true);
    try {
      setFound((await findCitizens(q.trim())).filter((c) => c.id !== citizen.id && !c.mergedInto));
    } catch (err) {
      setFound([]);
      console.warn(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="merge-dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('merge.pickTitle', { name: displayText(nameOf(citizen), t) })}</h2>
      <form
        className="merge-dialog__search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label htmlFor={`${id}-q`}>{t('merge.searchLabel')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
        <button type="submit" className="button button--small" disabled={busy}>
          {t('merge.search')}
        </button>
      </form>
      <div role="status" className="sr-only">
        {found === null ? '' : t('merge.found', { count: found.length })}
      </div>
      {found !== null &&
        (found.length === 0 ? (
          <p className="muted">{t('merge.noResult')}</p>
        ) : (
          <ul className="same-person__list">
            {found.map((c) => (
              <li key={c.id} className="same-person__item">
                <span className="same-person__who">{displayText(nameOf(c), t)}</span>
                <span className="same-person__why">{c.identities.map((i) => displayText(identityDisplay(i, c.identities).label, t)).join(', ')}</span>
                <button type="button" className="button button--small" onClick={() => onPick(c)}>
                  {t('merge.choose')}
                  <span className="sr-only"> {displayText(nameOf(c), t)}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      <div className="merge-dialog__buttons">
        <button type="button" className="button button--ghost" onClick={onClose}>
          {t('merge.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** The citizens the search box would find (by name, address, number, handle), then those behind its message hits. */
async function findCitizens(q: string): Promise<Citizen[]> {
  const found = await apiRequest<SearchResults>('GET', `/api/search?q=${encodeURIComponent(q)}`);
  const ids = [...new Set([...found.citizens.map((h) => h.citizen.id), ...found.messages.map((m) => m.citizenId)])].slice(0, 10);
  const files = await Promise.all(ids.map((cid) => apiRequest<CitizenFile>('GET', `/api/citizens/${encodeURIComponent(cid)}`).catch(() => null)));
  return files.flatMap((f) => (f ? [f.citizen] : []));
}

function CompareDialog({
  citizen,
  other,
  reasons,
  onClose,
  onMerge,
}: {
  citizen: Citizen;
  other: Citizen;
  reasons: string[];
  onClose: () => void;
  onMerge: (survivorId: CitizenId, mergedId: CitizenId, reason: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModal(onClose);
  const [files, setFiles] = useState<CitizenFile[] | null>(null);
  // The older record keeps its id by default: links and exports made before keep pointing to it.
  const [keep, setKeep] = useState<CitizenId>(citizen.createdAt <= other.createdAt ? citizen.id : other.id);
  const [reason, setReason] = useState(reasons.map((r) => t(`merge.reasons.${r}`)).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([citizen.id, other.id].map((cid) => apiRequest<CitizenFile>('GET', `/api/citizens/${encodeURIComponent(cid)}`))).then(setFiles, (err: unknown) =>
      setError(toFailure(err).message),
    );
  }, [citizen.id, other.id]);

  const submit = async () => {
    if (!reason.trim()) return setError(t('errors.reason.reason_required'));
    setBusy(true);
    const refused = await onMerge(keep, keep === citizen.id ? other.id : citizen.id, reason.trim());
    setBusy(false);
    if (refused) setError(refused);
  };

  return (
    <dialog ref={ref} className="merge-dialog merge-dialog--wide" aria-labelledby={`${id}-title`} data-testid="merge-compare">
      <h2 id={`${id}-title`}>{t('merge.compareTitle')}</h2>
      {!files ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div className="merge-compare">
          {files.map((file) => (
            <RecordColumn key={file.citizen.id} file={file} current={file.citizen.id === citizen.id} keep={keep === file.citizen.id} onKeep={() => setKeep(file.citizen.id)} name={`${id}-keep`} />
          ))}
        </div>
      )}
      <label htmlFor={`${id}-reason`}>{t('merge.reason')}</label>
      <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
      <DialogEnd error={error} confirm={t('merge.confirm')} disabled={busy || !files} onConfirm={() => void submit()} onClose={onClose} />
    </dialog>
  );
}

function RecordColumn({ file, current, keep, onKeep, name }: { file: CitizenFile; current: boolean; keep: boolean; onKeep: () => void; name: string }) {
  const { t, i18n } = useTranslation();
  const { citizen } = file;
  const all = [...file.conversations.map((c) => c.lastActivityAt), ...file.elsewhere.map((c) => c.lastActivityAt)].sort();
  const last = all.at(-1);
  const heading = displayText(nameOf(citizen), t);
  return (
    <fieldset className={`merge-compare__record${keep ? ' is-kept' : ''}`}>
      <legend>
        {heading} <span className="muted">({t(current ? 'merge.thisRecord' : 'merge.otherRecord')})</span>
      </legend>
      <label className="merge-compare__keep">
        <input type="radio" name={name} checked={keep} onChange={onKeep} />
        {t('merge.keep')}
      </label>
      <h3>{t('merge.identities')}</h3>
      <ul>
        {citizen.identities.map((i) => {
          const shown = identityDisplay(i, citizen.identities);
          return (
            <li key={`${i.kind}:${i.value}`}>
              <ChannelIcon kind={i.kind} /> {displayText(shown.label, t)}
              {shown.value !== null && <> {shown.value}</>}
            </li>
          );
        })}
      </ul>
      <p>{t('merge.conversations', { count: file.conversations.length + file.elsewhere.length })}</p>
      <p>
        {t('merge.lastActivity')}{' '}
        {last ? <time dateTime={last}>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(last))}</time> : t('merge.never')}
      </p>
    </fieldset>
  );
}
