import { useTranslation } from 'react-i18next';

export function TrainerPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="placeholder placeholder--page" tabIndex={-1}>
      <h1>{t('trainer.title')}</h1>
      <p>{t('trainer.body')}</p>
    </main>
  );
}
