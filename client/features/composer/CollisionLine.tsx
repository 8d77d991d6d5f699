import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../../shared/ids.js';
import { useAppSelector } from '../../app/hooks.js';
import { collisionInjected, othersPresent } from './collisionSlice.js';

/**
 * "Léa Dubois rédige une réponse": the colleagues on this conversation. A polite status region,
 * always rendered; its text changes only when someone comes, goes or changes activity (the
 * re-announces every few seconds change nothing), so a screen reader hears changes only.
 */
export function CollisionLine({ conversationId }: { conversationId: ConversationId }) {
  const { t } = useTranslation();
  const me = useAppSelector((s) => s.session.agent?.id);
  const others = useAppSelector((s) => collisionInjected.selectSlice(s).present[conversationId]);
  const shown = othersPresent(others, me);
  return (
    <p className="collision-line" role="status" aria-live="polite" aria-label={t('presence.label')} data-testid="collision-line">
      {shown.map((p, i) => (
        <span key={p.agentId} className={`collision-line__who collision-line__who--${p.activity}`}>
          {i > 0 ? ' · ' : ''}
          {t(`presence.${p.activity}`, { name: p.name || t('presence.someone') })}
        </span>
      ))}
    </p>
  );
}
