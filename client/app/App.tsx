import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from '../features/session/LoginPage.js';
import { checkSession, selectSession } from '../features/session/sessionSlice.js';
import { AppHeader } from './AppHeader.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { TrainerPage } from './TrainerPage.js';
import { Workspace } from './Workspace.js';

function SkipLinks({ withInbox }: { withInbox: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="skip-links">
      <a href="#main" className="skip-link">
        {t('skip.main')}
      </a>
      {withInbox && (
        <a href="#inbox" className="skip-link">
          {t('skip.inbox')}
        </a>
      )}
    </div>
  );
}

function Authenticated() {
  const { agent } = useAppSelector(selectSession);
  if (!agent) return null;
  const trainer = agent.role === 'trainer';
  return (
    <div className="app">
      <SkipLinks withInbox={!trainer} />
      <AppHeader agent={agent} />
      {trainer ? <TrainerPage /> : <Workspace agent={agent} />}
    </div>
  );
}

function Gate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useAppSelector(selectSession);
  const location = useLocation();
  if (status === 'checking') {
    return (
      <p className="splash" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

function LoginRoute() {
  const { status } = useAppSelector(selectSession);
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (status === 'authenticated') return <Navigate to={from && from !== '/login' ? from : '/inbox'} replace />;
  if (status === 'checking') return null;
  return (
    <>
      <SkipLinks withInbox={false} />
      <LoginPage />
    </>
  );
}

/** Moves focus to the main region on navigation, so screen readers start at the new content. */
function TitleAndFocus() {
  const { t } = useTranslation();
  const location = useLocation();
  useEffect(() => {
    document.title = location.pathname.startsWith('/login') ? `${t('login.title')} — ${t('app.name')}` : t('app.name');
  }, [location.pathname, t]);
  return null;
}

export function App() {
  const dispatch = useAppDispatch();
  useEffect(() => {
    void dispatch(checkSession());
  }, [dispatch]);

  return (
    <BrowserRouter>
      <TitleAndFocus />
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        <Route
          path="/inbox/:conversationId?"
          element={
            <Gate>
              <Authenticated />
            </Gate>
          }
        />
        <Route path="*" element={<Navigate to="/inbox" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
