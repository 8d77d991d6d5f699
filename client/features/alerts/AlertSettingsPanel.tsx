import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { askDesktopPermission, desktopPermission, playChime, primeChime, type DesktopPermission } from './alertSignals.js';
import { alertSettingsChanged, selectAlertSettings } from './alertsSlice.js';

/** "Alertes" on the account page: the chime (off by default) and desktop notifications. */
export function AlertSettingsPanel() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const settings = useAppSelector(selectAlertSettings);
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  const id = useId();

  const change = (next: Partial<typeof settings>) => dispatch(alertSettingsChanged(next));
  const onSound = (on: boolean) => {
    // The click is the user gesture browsers require before any sound: unlock audio now.
    if (on) {
      primeChime();
      playChime();
    }
    change({ sound: on });
  };
  const onDesktop = async (on: boolean) => {
    if (!on) return change({ desktop: false });
    const answer = permission === 'granted' ? permission : await askDesktopPermission();
    setPermission(answer);
    change({ desktop: answer === 'granted' });
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="alert-settings">
      <h2 id={`${id}-title`}>{t('alerts.settings.title')}</h2>
      <p className="muted">{t('alerts.settings.intro')}</p>
      <div className="field field--checkbox">
        <input id={`${id}-sound`} type="checkbox" checked={settings.sound} onChange={(e) => onSound(e.target.checked)} />
        <label htmlFor={`${id}-sound`}>{t('alerts.settings.sound')}</label>
      </div>
      <div className="field field--checkbox">
        <input
          id={`${id}-desktop`}
          type="checkbox"
          checked={settings.desktop && permission === 'granted'}
          disabled={permission === 'unsupported' || permission === 'denied'}
          aria-describedby={`${id}-desktop-state`}
          onChange={(e) => void onDesktop(e.target.checked)}
        />
        <label htmlFor={`${id}-desktop`}>{t('alerts.settings.desktop')}</label>
      </div>
      <p id={`${id}-desktop-state`} className="muted" role="status">
        {t(`alerts.settings.permission.${permission}`)}
      </p>
    </section>
  );
}
