import '../../ui/pages.css';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enrolment, RecoveryCodes as Codes } from '../../../shared/staff.js';
import { apiRequest } from '../../app/api.js';
import { errorText } from '../../ui/errorText.js';
import { EnrolmentHelp, RecoveryCodes } from '../../ui/RecoveryCodes.js';

/**
 * /account: one's own password and two-step verification; `children` are the settings other
 * features own (alerts), composed by the app.
 */
export function AccountPage({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1>{t('account.title')}</h1>
      <PasswordChange />
      <SecondFactorEnrolment />
      {children}
      <p className="muted">{t('account.help')}</p>
    </main>
  );
}

function PasswordChange() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await apiRequest('POST', '/api/account/password', { current, next });
      setCurrent('');
      setNext('');
      setMessage({ ok: true, text: t('account.passwordChanged') });
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('account.passwordTitle')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-current`}>{t('account.current')}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-next`}>{t('account.next')}</label>
          <input id={`${id}-next`} type="password" autoComplete="new-password" aria-describedby={`${id}-rules`} value={next} onChange={(e) => setNext(e.target.value)} />
          <p id={`${id}-rules`} className="muted">{t('setPassword.rules')}</p>
        </div>
        <p role={message?.ok ? 'status' : 'alert'} className={message ? (message.ok ? 'notice' : 'form-error') : 'form-error form-error--empty'}>
          {message?.text}
        </p>
        <button type="submit" className="button button--primary">
          {t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}

function SecondFactorEnrolment() {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const id = useId();
  const start = async () => {
    setError('');
    try {
      setEnrolment(await apiRequest<Enrolment>('POST', '/api/account/second-factor', {}));
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setCodes((await apiRequest<Codes>('POST', '/api/account/second-factor/confirm', { code })).codes);
      setEnrolment(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('account.secondFactorTitle')}</h2>
      {codes ? (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            setDone(true);
          }}
        />
      ) : enrolment ? (
        <form onSubmit={(e) => void confirm(e)} noValidate>
          <EnrolmentHelp secret={enrolment.secret} qrSvg={enrolment.qrSvg} />
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('secondFactor.codeLabel')}</label>
            <input id={`${id}-code`} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <p role="alert" className={error ? 'form-error' : 'form-error form-error--empty'}>
            {error}
          </p>
          <button type="submit" className="button button--primary">
            {t('secondFactor.submit')}
          </button>
        </form>
      ) : (
        <>
          <p role="status">{done ? t('account.secondFactorOn') : t('account.secondFactorHelp')}</p>
          <p role="alert" className={error ? 'form-error' : 'form-error form-error--empty'}>
            {error}
          </p>
          <button type="button" className="button" onClick={() => void start()}>
            {t('account.secondFactorStart')}
          </button>
        </>
      )}
    </section>
  );
}
