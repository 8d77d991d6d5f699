import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router';
import type { Agent } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import { AccountsAdmin } from '../features/admin/AccountsAdmin.js';
import { ChannelsAdmin } from '../features/admin/ChannelsAdmin.js';
import { RoutingEditor } from '../features/admin/RoutingEditor.js';
import { RoutingHistory } from '../features/admin/RoutingHistory.js';
import { SecuritySettings } from '../features/admin/SecuritySettings.js';
import { loadDirectory, selectQueues } from './directorySlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';

type Section = 'accounts' | 'routing' | 'channels' | 'history' | 'security';

/** What each section needs: admins see all of them, supervisors the routing of their queues. */
export function adminSections(agent: Pick<Agent, 'role'>): Section[] {
  const sections: Section[] = [];
  if (can(agent.role, 'staff:manage')) sections.push('accounts');
  if (can(agent.role, 'routing:manage')) sections.push('routing', 'history');
  if (can(agent.role, 'settings:manage')) sections.push('channels', 'security');
  return sections;
}

/** /admin/:section: putting a town's Guichet into service and keeping it so. */
export function AdminPage({ viewer }: { viewer: Agent }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const queues = useAppSelector(selectQueues);
  const sections = adminSections(viewer);
  const { section } = useParams();
  const current = (sections as string[]).includes(section ?? '') ? (section as Section) : sections[0];
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
    </main>
  );
}
