import { lazy, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AlertAnnouncer } from '../features/alerts/AlertAnnouncer.js';
import { alertsSeen, selectUnseenAlerts } from '../features/alerts/alertsSlice.js';
import { NavigationBridge } from './navigation.js';
import { adminSections } from './adminSections.js';
import { checkSession, selectSession } from '../features/session/sessionSlice.js';
import { AppHeader } from './AppHeader.js';
import { AppFooter } from './AppFooter.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { PageLoader } from './PageLoader.js';
import { Workspace } from './Workspace.js';

// The inbox is in the first load; every other page (and the libraries only it uses) is fetched on
// its first visit, so an agent's console opens on less code. The sign-in page too: a signed-in
// agent (most loads) never needs it, and one who is not waits for it while the session check runs.
const LoginPage = lazy(() => import('../features/session/LoginPage.js').then((m) => ({ default: m.LoginPage })));
const AlertSettingsPanel = lazy(() => import('../features/alerts/AlertSettingsPanel.js').then((m) => ({ default: m.AlertSettingsPanel })));
const DisplaySettingsPanel = lazy(() => import('./DisplaySettingsPanel.js').then((m) => ({ default: m.DisplaySettingsPanel })));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage.js').then((m) => ({ default: m.ReportsPage })));
const AccountPage = lazy(() => import('../features/account/AccountPage.js').then((m) => ({ default: m.AccountPage })));
const SetPasswordPage = lazy(() => import('../features/session/SetPasswordPage.js').then((m) => ({ default: m.SetPasswordPage })));
const AdminPage = lazy(() => import('./AdminPage.js').then((m) => ({ default: m.AdminPage })));
const ReplayPage = lazy(() => import('./ReplayPage.js').then((m) => ({ default: m.ReplayPage })));
const SupervisorPage = lazy(() => import('./SupervisorPage.js').then((m) => ({ default: m.SupervisorPage })));
const TrainingPage = lazy(() => import('./TrainingPage.js').then((m) => ({ default: m.TrainingPage })));
const AnswersRoute = lazy(() => import('./AnswersRoute.js').then((m) => ({ default: m.AnswersRoute })));

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

type Page = 'inbox' | 'replay' | 'training' | 'supervisor' | 'reports' | 'admin' | 'account' | 'answers';

/** Where a role lands: agents and supervisors at the inbox, trainers at the replay, trainees at their courses. */
export function homeOf(role: Role): string {
  if (can(role, 'inbox:read')) return '/inbox';
  if (can(role, 'replay:read')) return '/replay';
  return '/training';
}

function allowed(role: Role, page: Page): boolean {
  if (page === 'inbox') return can(role, 'inbox:read');
  if (page === 'supervisor') return can(role, 'supervisor:subscribe');
  if (page === 'reports') return can(role, 'reports:read');
  if (page === 'replay') return can(role, 'replay:read') || can(role, 'course:play');
  if (page === 'admin') return adminSections({ role }).length > 0;
  if (page === 'account') return true;
  if (page === 'answers') return can(role, 'answers:read');
  return can(role, 'training:manage') || can(role, 'course:play');
}

function Authenticated({ page }: { page: Page }) {
  const { agent } = useAppSelector(selectSession);
  if (!agent) return null;
  if (!allowed(agent.role, page)) return <Navigate to={homeOf(agent.role)} replace />;
  return (
    <div className="app">
      <SkipLinks withInbox={page === 'inbox'} />
      <AppHeader agent={agent} />
      {can(agent.role, 'inbox:read') && <AlertAnnouncer />}
      {page === 'inbox' ? (
        <Workspace agent={agent} />
      ) : (
        <PageLoader key={page}>
          {page === 'reports' ? (
            <ReportsPage />
          ) : page === 'supervisor' ? (
            <SupervisorPage viewer={agent} />
          ) : page === 'replay' ? (
            <ReplayPage viewer={agent} />
          ) : page === 'answers' ? (
            <AnswersRoute viewer={agent} />
          ) : page === 'admin' ? (
            <AdminPage viewer={agent} />
          ) : page === 'account' ? (
            <AccountPage>
              {can(agent.role, 'inbox:read') && (
                <>
                  <AlertSettingsPanel />
                  <DisplaySettingsPanel />
                </>
              )}
            </AccountPage>
          ) : (
            <TrainingPage viewer={agent} />
          )}
        </PageLoader>
      )}
      <AppFooter />
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
  const { status, recoveryCodes } = useAppSelector(selectSession);
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  // Recovery codes of an enrolment at sign-in are shown before the console opens.
  if (status === 'authenticated' && !recoveryCodes) return <Navigate to={from && from !== '/login' ? from : '/inbox'} replace />;
  if (status === 'checking') return null;
  return (
    <>
      <SkipLinks withInbox={false} />
      <PageLoader>
        <LoginPage />
      </PageLoader>
      <AppFooter />
    </>
  );
}

/**
 * The tab's title says where the agent is, and how many alerts came while they looked elsewhere
 * ("(3) Guichet"): the count is cleared as soon as the tab is visible again.
 */
function TitleAndFocus() {
  const { t } = useTranslation();
  const location = useLocation();
  const dispatch = useAppDispatch();
  const unseen = useAppSelector(selectUnseenAlerts);
  useEffect(() => {
    const base = location.pathname.startsWith('/login')
      ? `${t('login.title')} — ${t('app.name')}`
      : location.pathname.startsWith('/set-password')
        ? `${t('setPassword.title')} — ${t('app.name')}`
        : t('app.name');
    document.title = unseen > 0 ? t('alerts.tabTitle', { count: unseen, title: base }) : base;
  }, [location.pathname, t, unseen]);
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') dispatch(alertsSeen());
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [dispatch]);
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
      <NavigationBridge />
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        <Route
          path="/set-password"
          element={
            <PageLoader>
              <SetPasswordPage />
            </PageLoader>
          }
        />
        <Route
          path="/admin/:section?"
          element={
            <Gate>
              <Authenticated page="admin" />
            </Gate>
          }
        />
        <Route
          path="/account"
          element={
            <Gate>
              <Authenticated page="account" />
            </Gate>
          }
        />
        <Route
          path="/inbox/:conversationId?"
          element={
            <Gate>
              <Authenticated page="inbox" />
            </Gate>
          }
        />
        <Route
          path="/reports"
          element={
            <Gate>
              <Authenticated page="reports" />
            </Gate>
          }
        />
        <Route
          path="/answers"
          element={
            <Gate>
              <Authenticated page="answers" />
            </Gate>
          }
        />
        <Route
          path="/supervisor/:conversationId?"
          element={
            <Gate>
              <Authenticated page="supervisor" />
            </Gate>
          }
        />
        <Route
          path="/replay/:kind?/:id?"
          element={
            <Gate>
              <Authenticated page="replay" />
            </Gate>
          }
        />
        <Route
          path="/training/:courseId?"
          element={
            <Gate>
              <Authenticated page="training" />
            </Gate>
          }
        />
        <Route path="*" element={<Navigate to="/inbox" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
