import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Code loaded on first use (App.tsx's pages, the inbox's open conversation): while it loads, a
// live status says so; a whole page gets the main landmark the skip link targets at once.

type Where = 'page' | 'region';

function InMain({ where, children }: { where: Where; children: ReactNode }) {
  if (where === 'region') return <div className="placeholder">{children}</div>;
  return (
    <main id="main" className="placeholder placeholder--page" tabIndex={-1}>
      {children}
    </main>
  );
}

function Loading({ where }: { where: Where }) {
  const { t } = useTranslation();
  return (
    <InMain where={where}>
      <p role="status" className="muted">
        {t('page.loading')}
      </p>
    </InMain>
  );
}

function Failed({ where }: { where: Where }) {
  const { t } = useTranslation();
  return (
    <InMain where={where}>
      <div role="alert">
        <p>{t('page.failed')}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('page.reload')}
        </button>
      </div>
    </InMain>
  );
}

/**
 * A console left open across a release asks for code under its old name, which the new build no
 * longer has (the server answers 404): the import fails, and a reload fetches the new names.
 */
class LoadFailure extends Component<{ where: Where; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <Failed where={this.props.where} /> : this.props.children;
  }
}

/**
 * `page`: the children render their own main landmark; `region`: they render inside one. Give it a
 * `key` per page, so that leaving a page that failed lets the next one try.
 */
export function PageLoader({ where = 'page', children }: { where?: Where; children: ReactNode }) {
  return (
    <LoadFailure where={where}>
      <Suspense fallback={<Loading where={where} />}>{children}</Suspense>
    </LoadFailure>
  );
}
