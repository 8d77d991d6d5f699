import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface UnmaskControlProps {
  masked: boolean;
  canUnmask: boolean;
  pending: boolean;
  failed: boolean;
  onUnmask(reason: string): void;
  onRemask(): void;
}

/** Masked by default; real data only for supervisors and admins, after saying why, and journaled. */
export function UnmaskControl({ masked, canUnmask, pending, failed, onUnmask, onRemask }: UnmaskControlProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  if (!masked) {
    return (
      <div className="privacy-banner privacy-banner--real" role="status" data-testid="replay-privacy">
        <p>
          <strong>{t('replay.privacy.realTitle')}</strong> {t('replay.privacy.realBody')}
        </p>
        <button type="button" className="button button--small" onClick={onRemask}>
          {t('replay.privacy.remask')}
        </button>
      </div>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onUnmask(reason);
  };

  return (
    <div className="privacy-banner" data-testid="replay-privacy">
      <p>
        <strong>{t('replay.privacy.maskedTitle')}</strong> {t('replay.privacy.maskedBody')}
      </p>
      {canUnmask &&
        (open ? (
          <form className="privacy-banner__form" onSubmit={submit}>
            <label htmlFor="unmask-reason">{t('replay.privacy.reason')}</label>
            <input id="unmask-reason" type="text" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="button button--small button--primary" disabled={pending}>
              {t('replay.privacy.confirm')}
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => setOpen(false)}>
              {t('replay.annotations.cancel')}
            </button>
            {failed && (
              <p role="alert" className="inline-error">
                {t('replay.privacy.failed')}
              </p>
            )}
          </form>
        ) : (
          <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="replay-unmask">
            {t('replay.privacy.unmask')}
          </button>
        ))}
    </div>
  );
}
