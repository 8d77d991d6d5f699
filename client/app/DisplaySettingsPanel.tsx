import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { densityChanged, selectPreferences, type Density } from './preferencesSlice.js';

const DENSITIES: readonly Density[] = ['comfortable', 'compact'];

/** "Affichage" on the account page: how dense the inbox list is. */
export function DisplaySettingsPanel() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { density } = useAppSelector(selectPreferences);
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="display-settings">
      <h2 id={`${id}-title`}>{t('layout.title')}</h2>
      <p className="muted">{t('layout.intro')}</p>
      <fieldset className="checks">
        <legend>{t('layout.density')}</legend>
        {DENSITIES.map((d) => (
          <label key={d}>
            <input type="radio" name={`${id}-density`} value={d} checked={density === d} onChange={() => dispatch(densityChanged(d))} /> {t(`layout.densities.${d}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
