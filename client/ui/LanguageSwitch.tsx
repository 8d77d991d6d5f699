import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../app/i18n.js';

/**
 * "FR | EN": the two interface languages as a pair of toggle buttons, as French public sites show
 * them. Narrower than a select, so the header keeps one line; each button says its language in
 * that language ("Français", "English") for screen readers, with the matching `lang`.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="language-switch__option"
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {lng.toUpperCase()}
          <span className="sr-only"> {t(`header.languages.${lng}`)}</span>
        </button>
      ))}
    </div>
  );
}
