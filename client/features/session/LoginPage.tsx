import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { login, loginErrorCleared, selectSession } from './sessionSlice.js';

export function LoginPage() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { loginPending, loginError, expired } = useAppSelector(selectSession);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const errorId = useId();
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (loginPending) return;
    if (!email.trim() || !password) {
      setMissing(true);
      return;
    }
    void dispatch(login({ email: email.trim(), password }));
  };

  const clear = () => {
    setMissing(false);
    if (loginError) dispatch(loginErrorCleared());
  };

  const error = loginError ? t(`login.error.${loginError}`) : missing ? t('login.error.missing') : '';

  return (
    <main id="main" className="login" tabIndex={-1}>
      <form className="login__card" onSubmit={onSubmit} noValidate aria-describedby={error ? errorId : undefined}>
        <h1 className="login__title">
          <span className="brand-mark" aria-hidden="true">
            G
          </span>
          {t('app.name')}
        </h1>
        <p className="login__subtitle">{t('login.subtitle')}</p>
        {expired && !loginError && (
          <p className="notice" role="status">
            {t('login.expired')}
          </p>
        )}
        <div role="alert" id={errorId} className={error ? 'form-error' : 'form-error form-error--empty'}>
          {error}
        </div>
        <div className="field">
          <label htmlFor="login-email">{t('login.email')}</label>
          <input
            ref={emailRef}
            id="login-email"
            data-testid="login-email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            aria-invalid={loginError === 'invalid' || undefined}
            onChange={(e) => {
              setEmail(e.target.value);
              clear();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={loginError === 'invalid' || undefined}
            onChange={(e) => {
              setPassword(e.target.value);
              clear();
            }}
          />
        </div>
        <button
          type="submit"
          className="button button--primary button--block"
          data-testid="login-submit"
          disabled={loginPending}
          aria-busy={loginPending || undefined}
        >
          {loginPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
