import '../../ui/pages.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/constants.js';
import type { Role } from '../../../shared/model.js';
import { errorText } from '../../ui/errorText.js';
import { getSecondFactorPolicy, setSecondFactorPolicy } from './adminApi.js';

/** Which roles must sign in with a second factor. */
export function SecuritySettings() {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    getSecondFactorPolicy().then((p) => setRoles(p.roles), (err: unknown) => setStatus({ ok: false, text: errorText(t, err) }));
  }, [t]);
  if (!roles) return <p role="status">{status?.text ?? t('common.loading')}</p>;
  const save = async (next: Role[]) => {
    const before = roles;
    // Shown at once; put back if the server refuses.
    setRoles(next);
    try {
      setRoles((await setSecondFactorPolicy(next)).roles);
      setStatus({ ok: true, text: t('admin.security.saved') });
    } catch (err) {
      setRoles(before);
      setStatus({ ok: false, text: errorText(t, err) });
    }
  };
  return (
    <section aria-labelledby="security-title" className="admin-section">
      <h2 id="security-title">{t('admin.security.title')}</h2>
      <fieldset className="checks">
        <legend>{t('admin.security.requireFor')}</legend>
        {ROLES.map((r) => (
          <label key={r}>
            <input type="checkbox" checked={roles.includes(r)} onChange={(e) => void save(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {t(`role.${r}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('admin.security.help')}</p>
      <p role={status?.ok === false ? 'alert' : 'status'} className={status ? (status.ok ? 'notice' : 'form-error') : 'form-error form-error--empty'}>
        {status?.text}
      </p>
    </section>
  );
}
