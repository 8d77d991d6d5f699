import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { TFunction } from 'i18next';
import type { IdentityStanding } from '../../shared/identity-levels.js';
import type { Agent, Conversation } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import { MyStateControl } from '../features/availability/MyStateControl.js';
import type { OfferSubject } from '../features/availability/OfferTray.js';
import { selectMyOffers } from '../features/availability/availabilitySlice.js';
import { selectCitizenLevels, selectInboxEntities } from '../features/inbox/inboxSelectors.js';
import { logout } from '../features/session/sessionSlice.js';
import { selectConnectionStatus } from '../realtime/connectionSlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { adminSections } from './adminSections.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { citizenNameDisplay, displayText } from '../ui/identityDisplay.js';
import { HeaderSearch } from './HeaderSearch.js';
import { MentionBell } from '../features/mentions/MentionBell.js';

// The offer tray is drawn only while an offer is pending: fetched when the browser is idle after
// the console opens, so the first offer shows at once without weighing on the first load.
const loadOfferTray = () => import('../features/availability/OfferTray.js');
const OfferTray = lazy(() => loadOfferTray().then((m) => ({ default: m.OfferTray })));

export function AppHeader({ agent }: { agent: Agent }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const connection = useAppSelector(selectConnectionStatus);
  const connected = connection === 'live';
  const inbox = useAppSelector(selectInboxEntities);
  const levels = useAppSelector(selectCitizenLevels);
  const offered = useAppSelector(selectMyOffers).length > 0;
  const takesOffers = can(agent.role, 'agent:own-state');
  useEffect(() => {
    if (!takesOffers) return;
    const timer = setTimeout(() => void loadOfferTray().catch(() => {}), 1500);
    return () => clearTimeout(timer);
  }, [takesOffers]);

  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="brand-mark" aria-hidden="true">
          G
        </span>
        <span className="app-header__name">{t('app.name')}</span>
      </div>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {can(agent.role, 'inbox:read') && <NavLink to="/inbox">{t('nav.inbox')}</NavLink>}
        {can(agent.role, 'supervisor:subscribe') && <NavLink to="/supervisor">{t('nav.supervisor')}</NavLink>}
        {can(agent.role, 'reports:read') && <NavLink to="/reports">{t('nav.reports')}</NavLink>}
        {/* Those who manage the library find it in the administration: one line of header at 1440 px. */}
        {can(agent.role, 'answers:read') && !can(agent.role, 'answers:manage') && <NavLink to="/answers">{t('nav.answers')}</NavLink>}
        {can(agent.role, 'replay:read') && <NavLink to="/replay">{t('nav.replay')}</NavLink>}
        {(can(agent.role, 'training:manage') || can(agent.role, 'course:play')) && <NavLink to="/training">{t('nav.training')}</NavLink>}
        {adminSections(agent).length > 0 && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
      </nav>
      {can(agent.role, 'inbox:read') && can(agent.role, 'citizen:read') && <HeaderSearch />}
      {can(agent.role, 'inbox:read') && (
        <p className={`connection connection--${connection}`} role="status">
          <span className="connection__dot" aria-hidden="true">
            {connected ? '●' : '○'}
          </span>
          {t(`connection.${connection}`)}
        </p>
      )}
      <div className="app-header__end">
        {can(agent.role, 'inbox:read') && <MentionBell />}
        {can(agent.role, 'agent:own-state') && <MyStateControl live={connected} supervising={agent.role === 'supervisor'} />}
        <LanguageSwitch />
        {/* The name is the way to one's own account: a separate nav item would not fit one line at 1440 px. */}
        <NavLink to="/account" className="app-header__agent" aria-label={t('header.accountOf', { name: agent.displayName, role: t(`role.${agent.role}`) })}>
          <span className="app-header__initials" aria-hidden="true">
            {initialsOf(agent.displayName)}
          </span>
          <span className="app-header__agent-name">{agent.displayName}</span> <span className="app-header__role">({t(`role.${agent.role}`)})</span>
        </NavLink>
        <button type="button" className="button button--ghost button--small" onClick={() => void dispatch(logout())}>
          {t('header.logout')}
        </button>
      </div>
      {takesOffers && offered && (
        <Suspense fallback={null}>
          <OfferTray describe={(id) => offerSubject(inbox[id], levels, t)} />
        </Suspense>
      )}
    </header>
  );
}

/** Who an offer is about, when the inbox knows the conversation. */
function offerSubject(c: Conversation | undefined, levels: Record<string, IdentityStanding>, t: TFunction): OfferSubject | null {
  if (!c) return null;
  const channel = c.lastInboundChannel ?? c.channels[0];
  const standing = levels[c.citizenId];
  return {
    citizenName: displayText(citizenNameDisplay(c.citizenName, c.channels), t),
    waitingSince: c.waitingSince,
    ...(channel ? { channel } : {}),
    ...(standing ? { standing } : {}),
  };
}

/** "Camille Martin" -> "CM": the account link on a phone, where the full name does not fit. */
function initialsOf(name: string): string {
  const words = name.split(/[\s-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words[words.length - 1]![0] ?? '') : '')).toUpperCase();
}
