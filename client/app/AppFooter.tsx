import { useTranslation } from 'react-i18next';

/**
 * The mention every page of a French public body's service must carry (RGAA): its accessibility
 * status, linking to the statement (served by the server, /accessibilite, in the console's language).
 */
export function AppFooter() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  return (
    <footer className="app-footer">
      <a href={`/accessibilite?lang=${lang}`}>{t('footer.accessibility')}</a>
    </footer>
  );
}
