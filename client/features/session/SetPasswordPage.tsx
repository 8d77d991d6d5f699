import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiRequest } from '../../app/api.js';
import { errorText } from '../../ui/errorText.js';

/**
 * /set-password#<token>: an invitation or a reset link. The token rides in the fragment, which
 * the browser never sends to a server (logs, Referer); it is posted with the chosen password.
 */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(() => (typeof location !== 'undefined' ? location.hash.slice(1) : ''));
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const errorId = useId();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    if (password !== again) return setError(t('setPassword.mismatch'));
    setPending(true);
    setError('');
    try {
      const { email } = await apiRequest<{ email: string }>('POST', '/api/account/set-password', { token, password }, { expectUnauthenticated: true });
      setDone(email);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setPending(false);
    }
  };

  return (
    <main id="main" className="login" tabIndex={-1}>
      <div className="login__card">
        <h1 className="login__title">
          <span className="brand-mark" aria-hidden="true">
            G
          </span>
          {t('setPassword.title')}
        </h1>
        {done ? (
          <div role="status">
            <p>{t('setPassword.done')}</p>
            <Link className="button button--primary button--block" to={`/login?email=${encodeURIComponent(done)}`} data-testid="set-password-login">
              {t('setPassword.toLogin')}
            </Link>
          </div>
        ) : !token ? (
          <p role="alert">{t('setPassword.noToken')}</p>
        ) : (
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={`${errorId}-rules${error ? ` ${errorId}` : ''}`}>
            <p id={`${errorId}-rules`}>{t('setPassword.rules')}</p>
            <div role="alert" id={errorId} className={error ? 'form-error' : 'form-error form-error--empty'}>
              {error}
            </div>
            <div className="field">
              <label htmlFor="new-password">{t('setPassword.password')}</label>
              <input ref={first} id="new-password" data-testid="new-password" type="password" autoComplete="new-password" minLength={12} required value={password} onChange={(e) => setPassword(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="new-password-again">{t('setPassword.again')}</label>
              <input id="new-password-again" data-testid="new-password-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
            </div>
            <button type="submit" className="button button--primary button--block" data-testid="set-password-submit" disabled={pending} aria-busy={pending || undefined}>
              {t('setPassword.submit')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
