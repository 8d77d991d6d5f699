import './pageWords.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router';
import type { Agent } from '../../shared/model.js';
import { AccountsAdmin } from '../features/admin/AccountsAdmin.js';
import { ChannelsAdmin } from '../features/admin/ChannelsAdmin.js';
import { RoutingEditor } from '../features/admin/RoutingEditor.js';
import { RoutingHistory } from '../features/admin/RoutingHistory.js';
import { SecuritySettings } from '../features/admin/SecuritySettings.js';
import { AnswersPage } from '../features/answers/AnswersPage.js';
import { adminSections, type AdminSection } from './adminSections.js';
import { loadDirectory, selectAgents, selectQueues } from './directorySlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';

/** /admin/:section: putting a town's Guichet into service and keeping it so. */
export function AdminPage({ viewer }: { viewer: Agent }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const queues = useAppSelector(selectQueues);
  const agents = useAppSelector(selectAgents);
  const sections = adminSections(viewer);
  const { section } = useParams();
  const current = (sections as string[]).includes(section ?? '') ? (section as AdminSection) : sections[0];
  useEffect(() => {
    void dispatch(loadDirectory());
  }, [dispatch, current]);

  return (
    <main id="main" className="page admin-page" tabIndex={-1}>
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.sections')} className="tabs">
        {sections.map((s) => (
          <NavLink key={s} to={`/admin/${s}`} className={({ isActive }) => `tab${isActive || s === current ? ' tab--active' : ''}`} aria-current={s === current ? 'page' : undefined}>
            {t(`admin.nav.${s}`)}
          </NavLink>
        ))}
      </nav>
      {current === 'accounts' && <AccountsAdmin queues={queues} viewerId={viewer.id} />}
      {current === 'routing' && <RoutingEditor canEditEverything={viewer.role === 'admin'} />}
      {current === 'history' && <RoutingHistory />}
      {current === 'channels' && <ChannelsAdmin />}
      {current === 'security' && <SecuritySettings />}
      {current === 'answers' && <AnswersPage viewer={viewer} embedded agentName={(id) => agents.find((a) => a.id === id)?.displayName ?? id} />}
    </main>
  );
}
