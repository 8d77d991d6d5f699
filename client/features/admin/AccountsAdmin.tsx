import '../../ui/pages.css';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/constants.js';
import type { Queue, Role } from '../../../shared/model.js';
import type { OneTimeLinkResult, StaffAccount } from '../../../shared/staff.js';
import { errorText } from '../../ui/errorText.js';
import { formatDateTime } from '../../ui/format.js';
import { accountAction, inviteAccount, listAccounts, updateAccount } from './adminApi.js';

const CAPACITY_CHANNELS = ['email', 'phone', 'webchat', 'whatsapp', 'messenger'] as const;

function skillsOf(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Staff accounts: invitations, roles and queues, deactivation, new links, second factors. */
export function AccountsAdmin({ queues, viewerId }: { queues: readonly Queue[]; viewerId: string }) {
  const { t, i18n } = useTranslation();
  const [accounts, setAccounts] = useState<StaffAccount[] | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setAccounts(await listAccounts());
    } catch (err) {
      setStatus({ ok: false, text: errorText(t, err) });
    }
  }, [t]);
  useEffect(() => void reload(), [reload]);

  const said = (result: OneTimeLinkResult, key: 'invited' | 'linkSent') =>
    setStatus({ ok: true, text: `${t(`admin.accounts.${key}`, { email: result.account.email })} ${t(`admin.accounts.delivery.${result.delivery}`)}` });

  const act = async (account: StaffAccount, action: Parameters<typeof accountAction>[1]) => {
    if (action === 'deactivate' && !window.confirm(t('admin.accounts.confirmDeactivate', { name: account.displayName }))) return;
    try {
      const result = await accountAction(account.id, action);
      if ('delivery' in result) said(result, 'linkSent');
      else setStatus({ ok: true, text: t(`admin.accounts.done.${action}`, { name: account.displayName }) });
      await reload();
    } catch (err) {
      setStatus({ ok: false, text: errorText(t, err) });
    }
  };

  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;

  return (
    <section aria-labelledby="accounts-title" className="admin-section">
      <h2 id="accounts-title">{t('admin.accounts.title')}</h2>
      <p role={status?.ok === false ? 'alert' : 'status'} className={status ? (status.ok ? 'notice' : 'form-error') : 'form-error form-error--empty'} data-testid="accounts-status">
        {status?.text}
      </p>
      <InviteForm
        queues={queues}
        onInvited={async (result) => {
          said(result, 'invited');
          await reload();
        }}
        onError={(text) => setStatus({ ok: false, text })}
      />
      {accounts === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table admin-table" data-testid="accounts-table">
            <caption className="sr-only">{t('admin.accounts.caption', { count: accounts.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.accounts.name')}</th>
                <th scope="col">{t('admin.accounts.email')}</th>
                <th scope="col">{t('admin.accounts.role')}</th>
                <th scope="col">{t('admin.accounts.queues')}</th>
                <th scope="col">{t('admin.accounts.state')}</th>
                <th scope="col">{t('admin.accounts.lastSignIn')}</th>
                <th scope="col">{t('admin.accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} data-account={a.email}>
                  <th scope="row">{a.displayName}</th>
                  <td>{a.email}</td>
                  <td>{t(`role.${a.role}`)}</td>
                  <td>{a.queueIds.map(queueName).join(', ') || '—'}</td>
                  <td>
                    <span className={`status-pill status-pill--${a.active ? (a.pending ? 'pending' : 'open') : 'resolved'}`}>
                      {a.active ? (a.pending ? t('admin.accounts.pending') : t('admin.accounts.active')) : t('admin.accounts.inactive')}
                    </span>
                    {a.secondFactor && <span className="muted"> {t('admin.accounts.twoStep')}</span>}
                  </td>
                  <td>{a.lastSignInAt ? formatDateTime(a.lastSignInAt, i18n.language, Date.now()) : t('admin.accounts.never')}</td>
                  <td className="admin-table__actions">
                    <button type="button" className="button button--small" aria-expanded={editing === a.id} onClick={() => setEditing(editing === a.id ? null : a.id)}>
                      {t('admin.accounts.edit')}
                      <span className="sr-only"> {a.displayName}</span>
                    </button>
                    {a.active ? (
                      a.id !== viewerId && (
                        <button type="button" className="button button--small" data-testid="deactivate" onClick={() => void act(a, 'deactivate')}>
                          {t('admin.accounts.deactivate')}
                          <span className="sr-only"> {a.displayName}</span>
                        </button>
                      )
                    ) : (
                      <button type="button" className="button button--small" onClick={() => void act(a, 'reactivate')}>
                        {t('admin.accounts.reactivate')}
                        <span className="sr-only"> {a.displayName}</span>
                      </button>
                    )}
                    {a.active && (
                      <button type="button" className="button button--small" onClick={() => void act(a, 'password-link')}>
                        {a.pending ? t('admin.accounts.resendInvite') : t('admin.accounts.resetPassword')}
                        <span className="sr-only"> {a.displayName}</span>
                      </button>
                    )}
                    {a.secondFactor && (
                      <button type="button" className="button button--small" onClick={() => void act(a, 'second-factor/reset')}>
                        {t('admin.accounts.resetSecondFactor')}
                        <span className="sr-only"> {a.displayName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && accounts?.find((a) => a.id === editing) && (
        <EditAccount
          key={editing}
          account={accounts.find((a) => a.id === editing)!}
          queues={queues}
          onSaved={async (a) => {
            setEditing(null);
            setStatus({ ok: true, text: t('admin.accounts.saved', { name: a.displayName }) });
            await reload();
          }}
          onCancel={() => setEditing(null)}
          onError={(text) => setStatus({ ok: false, text })}
        />
      )}
    </section>
  );
}

function QueueChoices({ queues, chosen, onChange, legend }: { queues: readonly Queue[]; chosen: string[]; onChange: (ids: string[]) => void; legend: string }) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {queues.map((q) => (
        <label key={q.id}>
          <input type="checkbox" checked={chosen.includes(q.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, q.id] : chosen.filter((id) => id !== q.id))} /> {q.name}
        </label>
      ))}
    </fieldset>
  );
}

function InviteForm({ queues, onInvited, onError }: { queues: readonly Queue[]; onInvited: (r: OneTimeLinkResult) => Promise<void>; onError: (text: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [queueIds, setQueueIds] = useState<string[]>([]);
  const [skills, setSkills] = useState('');
  const [pending, setPending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    try {
      const result = await inviteAccount({ email, displayName: name, role, queueIds: queueIds as never, skills: skillsOf(skills) });
      setEmail('');
      setName('');
      setQueueIds([]);
      setSkills('');
      await onInvited(result);
    } catch (err) {
      onError(errorText(t, err));
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="panel admin-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="invite-form">
      <h3 id={`${id}-title`}>{t('admin.accounts.invite')}</h3>
      <div className="admin-form__row">
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('admin.accounts.email')}</label>
          <input id={`${id}-email`} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="invite-email" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.accounts.name')}</label>
          <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} data-testid="invite-name" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('admin.accounts.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="invite-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-skills`}>{t('admin.accounts.skills')}</label>
          <input id={`${id}-skills`} value={skills} onChange={(e) => setSkills(e.target.value)} aria-describedby={`${id}-skills-help`} />
          <span id={`${id}-skills-help`} className="muted">{t('admin.accounts.skillsHelp')}</span>
        </div>
      </div>
      <QueueChoices queues={queues} chosen={queueIds} onChange={setQueueIds} legend={t('admin.accounts.queues')} />
      <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending || undefined} data-testid="invite-submit">
        {t('admin.accounts.sendInvite')}
      </button>
    </form>
  );
}

function EditAccount({
  account,
  queues,
  onSaved,
  onCancel,
  onError,
}: {
  account: StaffAccount;
  queues: readonly Queue[];
  onSaved: (a: StaffAccount) => Promise<void>;
  onCancel: () => void;
  onError: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [queueIds, setQueueIds] = useState<string[]>(account.queueIds);
  const [skills, setSkills] = useState((account.skills ?? []).join(', '));
  const [capacity, setCapacity] = useState<Record<string, string>>(Object.fromEntries(CAPACITY_CHANNELS.map((c) => [c, String(account.capacity?.[c] ?? '')])));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const cap = Object.fromEntries(Object.entries(capacity).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, Number(v)]));
    try {
      await onSaved(await updateAccount(account.id, { displayName: name, role, queueIds: queueIds as never, skills: skillsOf(skills), capacity: cap }));
    } catch (err) {
      onError(errorText(t, err));
    }
  };
  return (
    <form className="panel admin-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('admin.accounts.editTitle', { name: account.displayName })}</h3>
      <div className="admin-form__row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.accounts.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('admin.accounts.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-skills`}>{t('admin.accounts.skills')}</label>
          <input id={`${id}-skills`} value={skills} onChange={(e) => setSkills(e.target.value)} />
        </div>
      </div>
      <QueueChoices queues={queues} chosen={queueIds} onChange={setQueueIds} legend={t('admin.accounts.queues')} />
      <fieldset className="checks">
        <legend>{t('admin.accounts.capacity')}</legend>
        {CAPACITY_CHANNELS.map((c) => (
          <label key={c} className="field field--inline">
            {t(`channel.${c}`)}
            <input type="number" min={0} max={100} value={capacity[c]} onChange={(e) => setCapacity({ ...capacity, [c]: e.target.value })} />
          </label>
        ))}
      </fieldset>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
