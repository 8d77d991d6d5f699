import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The recovery codes, shown once: to print or copy before going on. */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="recovery" aria-labelledby="recovery-title">
      <h2 id="recovery-title" ref={heading} tabIndex={-1}>
        {t('secondFactor.codesTitle')}
      </h2>
      <p>{t('secondFactor.codesHelp')}</p>
      <ol className="recovery__codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="recovery__actions">
        <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(codes.join('\n'))}>
          {t('secondFactor.copy')}
        </button>
        <button type="button" className="button button--primary" data-testid="recovery-done" onClick={onDone}>
          {t('secondFactor.noted')}
        </button>
      </div>
    </section>
  );
}

/** An authenticator enrolment: the QR code (server-made SVG), the secret to type, where to put the code. */
export function EnrolmentHelp({ secret, qrSvg }: { secret: string; qrSvg: string }) {
  const { t } = useTranslation();
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <div className="enrolment">
      <p>{t('secondFactor.enrolHelp')}</p>
      {/* The SVG comes from our server (qrcode), not from user input. */}
      <div className="enrolment__qr" role="img" aria-label={t('secondFactor.qrLabel')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p>
        {t('secondFactor.secretLabel')} <code className="enrolment__secret" data-testid="totp-secret" data-secret={secret}>{grouped}</code>
      </p>
    </div>
  );
}
