import '../../app/pageWords.js';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { JournalEvent } from '../../../shared/journal.js';
import { apiRequest } from '../../app/api.js';
import { useTranslation } from 'react-i18next';
import type { Agent, Citizen, Identity } from '../../../shared/model.js';
import { CHANNELS, IDENTITY_KINDS } from '../../../shared/constants.js';
import { can } from '../../../shared/permissions.js';
import { provedByChannel } from '../../../shared/identity-source.js';
import { useAppDispatch } from '../../app/hooks.js';
import { refusalText } from '../../ui/errorText.js';
import { displayText, identityDisplay } from '../../ui/identityDisplay.js';
import { editCitizen, type ProfileEdit } from './citizenSlice.js';

// The citizen's file edited by hand, loaded on demand from the citizen panel. The server decides
// (validation, the access rule, who may remove what); this says it in words and keeps focus put.

/** What the server would refuse anyway: an agent removes only identities staff added. */
function removableBy(viewer: Pick<Agent, 'role'>, identity: Identity): boolean {
  return !provedByChannel(identity) || can(viewer.role, 'identity:remove-proved');
}

type Outcome = { ok: true } | { ok: false; text: string } | null;

/** One line of the record's history: who changed what, and when. */
function historyLine(t: (key: string, values?: Record<string, string>) => string, e: JournalEvent, date: string): string | null {
  const name = e.actor.name ?? t('profile.history.someone');
  const identity = (i: { kind: string; value: string }) => `${t(`identity.${i.kind}`)} ${i.value}`;
  switch (e.type) {
    case 'citizen.renamed':
      return t('profile.history.renamed', { name, date, previous: e.payload.previous, displayName: e.payload.displayName });
    case 'citizen.profile-updated':
      return t('profile.history.profile', { name, date });
    case 'citizen.note-added':
      return t('profile.history.note', { name, date });
    case 'identity.linked':
      return t('profile.history.added', { name, date, identity: identity(e.payload.identity) });
    case 'identity.confirmed':
      return t('profile.history.confirmed', { name, date, identity: identity(e.payload.identity), how: e.payload.how });
    case 'identity.unlinked':
      return t('profile.history.removed', { name, date, identity: identity(e.payload.identity) }) + (e.payload.reason ? ` (${e.payload.reason})` : '');
    default:
      return null;
  }
}

function ProfileHistory({ citizen, version }: { citizen: Citizen; version: number }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<JournalEvent[] | null>(null);
  useEffect(() => {
    let live = true;
    apiRequest<{ items: JournalEvent[] }>('GET', `/api/citizens/${encodeURIComponent(citizen.id)}/profile-history`)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [citizen.id, version]);
  if (!items || items.length === 0) return null;
  const day = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <>
      <h4 className="citizen__section">{t('profile.history.title')}</h4>
      <ol className="citizen-notes" data-testid="profile-history">
        {items.map((e) => {
          const line = historyLine(t, e, day(e.at));
          return line ? <li key={e.seq}>{line}</li> : null;
        })}
      </ol>
    </>
  );
}

function useEdit(citizen: Citizen) {
  const dispatch = useAppDispatch();
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const run = async (edit: ProfileEdit): Promise<boolean> => {
    setBusy(true);
    const result = await dispatch(editCitizen({ citizenId: citizen.id, edit }));
    setBusy(false);
    if (editCitizen.fulfilled.match(result)) {
      setOutcome({ ok: true });
      setVersion((v) => v + 1);
      return true;
    }
    const failure = result.payload;
    setOutcome({ ok: false, text: failure ? refusalText(t, failure) : t('errors.unavailable') });
    return false;
  };
  const message: ReactNode =
    outcome === null ? null : outcome.ok ? (
      <p role="status" className="muted">
        {t('profile.saved')}
      </p>
    ) : (
      <p role="alert" className="form-error">
        {outcome.text}
      </p>
    );
  return { run, busy, message, version };
}

export function CitizenProfileEditor({ citizen, viewer }: { citizen: Citizen; viewer: Agent }) {
  const { t } = useTranslation();
  const id = useId();
  const { run, busy, message, version } = useEdit(citizen);
  const [name, setName] = useState(citizen.displayName);
  const [channel, setChannel] = useState(citizen.preferredChannel ?? '');
  const [language, setLanguage] = useState(citizen.language ?? '');
  const [kind, setKind] = useState<string>('email');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [how, setHow] = useState<Record<string, string>>({});

  const submit = (f: () => Promise<unknown>) => (e: FormEvent) => {
    e.preventDefault();
    void f();
  };

  return (
    <section className="citizen-edit" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="citizen__section">
        {t('profile.title')}
      </h3>
      {message}
      <form onSubmit={submit(() => run({ kind: 'rename', body: { displayName: name } }))} className="citizen-edit__form">
        <label htmlFor={`${id}-name`}>{t('profile.name')}</label>
        <input id={`${id}-name`} value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button button--small" disabled={busy || name.trim() === '' || name.trim() === citizen.displayName}>
          {t('profile.save')}
        </button>
      </form>
      <form
        onSubmit={submit(() => run({ kind: 'profile', body: { preferredChannel: channel || null, language: language.trim() || null } }))}
        className="citizen-edit__form"
      >
        <label htmlFor={`${id}-channel`}>{t('profile.preferredChannel')}</label>
        <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value)}>
          <option value="">{t('profile.none')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-language`}>{t('profile.language')}</label>
        <input id={`${id}-language`} value={language} maxLength={35} onChange={(e) => setLanguage(e.target.value)} />
        <button type="submit" className="button button--small" disabled={busy}>
          {t('profile.save')}
        </button>
      </form>
      <form
        onSubmit={submit(async () => {
          if (await run({ kind: 'add-identity', body: { kind, value } })) setValue('');
        })}
        className="citizen-edit__form"
      >
        <fieldset>
          <legend>{t('profile.addIdentity')}</legend>
          <label htmlFor={`${id}-kind`}>{t('profile.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            {IDENTITY_KINDS.filter((k) => k !== 'webchat').map((k) => (
              <option key={k} value={k}>
                {t(`identity.${k}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-value`}>{t('profile.value')}</label>
          <input id={`${id}-value`} value={value} required maxLength={320} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="button button--small" disabled={busy || value.trim() === ''}>
            {t('profile.add')}
          </button>
        </fieldset>
      </form>
      {citizen.identities.length > 0 && (
        <ul className="citizen-edit__identities">
          {citizen.identities.map((i) => {
            const key = `${i.kind}:${i.value}`;
            const shown = displayText(identityDisplay(i, citizen.identities).label, t) + (identityDisplay(i, citizen.identities).value ? ` ${i.value}` : '');
            return (
              <li key={key}>
                <form
                  className="citizen-edit__form"
                  onSubmit={submit(() => run({ kind: 'confirm-identity', body: { kind: i.kind, value: i.value, how: how[key] ?? '' } }))}
                >
                  <label htmlFor={`${id}-how-${key}`}>{t('profile.how', { identity: shown })}</label>
                  <input
                    id={`${id}-how-${key}`}
                    value={how[key] ?? ''}
                    placeholder={t('profile.howPlaceholder')}
                    maxLength={200}
                    onChange={(e) => setHow({ ...how, [key]: e.target.value })}
                  />
                  <button type="submit" className="button button--small" disabled={busy || !(how[key] ?? '').trim()}>
                    {t('profile.confirm')}
                  </button>
                  {removableBy(viewer, i) ? (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      disabled={busy}
                      aria-label={t('profile.removeNamed', { identity: shown })}
                      onClick={() => void run({ kind: 'remove-identity', body: { kind: i.kind, value: i.value } })}
                    >
                      {t('profile.remove')}
                    </button>
                  ) : (
                    <span className="muted">{t('profile.removeSupervisorOnly')}</span>
                  )}
                </form>
              </li>
            );
          })}
        </ul>
      )}
      <form
        onSubmit={submit(async () => {
          if (await run({ kind: 'note', body: { text: note } })) setNote('');
        })}
        className="citizen-edit__form"
      >
        <label htmlFor={`${id}-note`}>{t('profile.note')}</label>
        <textarea id={`${id}-note`} rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button--small" disabled={busy || note.trim() === ''}>
          {t('profile.addNote')}
        </button>
      </form>
      <ProfileHistory citizen={citizen} version={version} />
    </section>
  );
}
