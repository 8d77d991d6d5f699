import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { apiRequest } from '../../app/api.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { LanguageSwitch } from '../../ui/LanguageSwitch.js';
import { EnrolmentHelp, RecoveryCodes } from '../../ui/RecoveryCodes.js';
import { completeSecondFactor, login, loginErrorCleared, recoveryCodesNoted, secondFactorCancelled, selectSession } from './sessionSlice.js';

const SSO_REASONS = ['expired', 'provider', 'unverified', 'unknown-account'] as const;

function Brand() {
  const { t } = useTranslation();
  return (
    <div className="login__top">
      <h1 className="login__title">
        <span className="brand-mark" aria-hidden="true">
          G
        </span>
        {t('app.name')}
      </h1>
      <LanguageSwitch />
    </div>
  );
}

/** Sign-in: password, then (when the account or its role has one) the second factor; or single sign-on. */
export function LoginPage() {
  const { secondFactor, recoveryCodes } = useAppSelector(selectSession);
  const dispatch = useAppDispatch();
  if (recoveryCodes) {
    return (
      <main id="main" className="login" tabIndex={-1}>
        <div className="login__card">
          <Brand />
          <RecoveryCodes codes={recoveryCodes} onDone={() => dispatch(recoveryCodesNoted())} />
        </div>
      </main>
    );
  }
  return secondFactor ? <SecondFactorStep /> : <PasswordStep />;
}

function PasswordStep() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const location = useLocation();
  const { loginPending, loginError, expired } = useAppSelector(selectSession);
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [sso, setSso] = useState<{ enabled: boolean; label?: string } | null>(null);
  const errorId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const ssoReason = new URLSearchParams(location.search).get('sso');

  useEffect(() => {
    emailRef.current?.focus();
    apiRequest<{ enabled: boolean; label?: string }>('GET', '/api/auth/sso', undefined, { expectUnauthenticated: true }).then(setSso, () => setSso(null));
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

  const ssoError = ssoReason && (SSO_REASONS as readonly string[]).includes(ssoReason) ? t(`login.sso.${ssoReason}`) : '';
  const error = loginError ? t(`login.error.${loginError}`) : missing ? t('login.error.missing') : ssoError;

  return (
    <main id="main" className="login" tabIndex={-1}>
      <form className="login__card" onSubmit={onSubmit} noValidate aria-describedby={error ? errorId : undefined}>
        <Brand />
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
        {sso?.enabled && (
          <>
            <p className="login__or">{t('login.or')}</p>
            {/* A plain link: the provider's page takes over the tab, as ProConnect expects. */}
            <a className="button button--block" href="/api/auth/sso/start" data-testid="login-sso">
              {t('login.ssoButton', { label: sso.label ?? 'SSO' })}
            </a>
          </>
        )}
      </form>
    </main>
  );
}

function SecondFactorStep() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { secondFactor, loginPending, loginError } = useAppSelector(selectSession);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const errorId = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => codeRef.current?.focus(), [recovery]);
  if (!secondFactor) return null;
  const enrol = secondFactor.secondFactor === 'enrol' && secondFactor.enrolment;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (loginPending || !code.trim()) return;
    void dispatch(completeSecondFactor({ code: code.trim() }));
  };
  const error = loginError ? t(`login.error.${loginError}`) : '';

  return (
    <main id="main" className="login" tabIndex={-1}>
      <form className="login__card" onSubmit={onSubmit} noValidate aria-describedby={error ? errorId : undefined}>
        <Brand />
        <h2 className="login__step">{enrol ? t('secondFactor.enrolTitle') : t('secondFactor.title')}</h2>
        {enrol ? <EnrolmentHelp secret={secondFactor.enrolment!.secret} qrSvg={secondFactor.enrolment!.qrSvg} /> : <p>{recovery ? t('secondFactor.recoveryHelp') : t('secondFactor.help')}</p>}
        <div role="alert" id={errorId} className={error ? 'form-error' : 'form-error form-error--empty'}>
          {error}
        </div>
        <div className="field">
          <label htmlFor="login-code">{recovery ? t('secondFactor.recoveryLabel') : t('secondFactor.codeLabel')}</label>
          <input
            ref={codeRef}
            id="login-code"
            data-testid="login-code"
            name="code"
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            required
            value={code}
            aria-invalid={loginError === 'code' || undefined}
            onChange={(e) => {
              setCode(e.target.value);
              if (loginError) dispatch(loginErrorCleared());
            }}
          />
        </div>
        <button type="submit" className="button button--primary button--block" data-testid="login-code-submit" disabled={loginPending} aria-busy={loginPending || undefined}>
          {loginPending ? t('login.submitting') : t('secondFactor.submit')}
        </button>
        <div className="login__links">
          {!enrol && (
            <button type="button" className="button button--ghost button--small" onClick={() => setRecovery((r) => !r)}>
              {recovery ? t('secondFactor.useCode') : t('secondFactor.useRecovery')}
            </button>
          )}
          <button type="button" className="button button--ghost button--small" onClick={() => dispatch(secondFactorCancelled())}>
            {t('secondFactor.back')}
          </button>
        </div>
      </form>
    </main>
  );
}
