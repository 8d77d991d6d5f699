import { refusalText } from '../../ui/errorText.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_STATES } from '../../../shared/constants.js';
import type { AgentState } from '../../../shared/model.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { fetchAgentStatuses, setAgentState } from '../../realtime/commands.js';
import { selectMyState, selectAvailabilityError } from './availabilitySlice.js';

/**
 * The agent's own availability for routed work (header). Asked again whenever the socket becomes live: staff
 * events are not in a queue's catch-up, so the server's answer is the source after a reconnect.
 * A supervisor is not routed work until they choose to be, so their "offline" reads as
 * supervising, not as absent.
 */
export function MyStateControl({ live, supervising = false }: { live: boolean; supervising?: boolean }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const state = useAppSelector(selectMyState);
  const error = useAppSelector(selectAvailabilityError);

  useEffect(() => {
    if (live) void dispatch(fetchAgentStatuses({}));
  }, [live, dispatch]);

  return (
    <div className="field field--inline">
      <label htmlFor="agent-state-select">{t('availability.state')}</label>
      <select
        id="agent-state-select"
        value={state ?? 'offline'}
        disabled={!live}
        aria-describedby={error ? 'agent-state-error' : undefined}
        onChange={(e) => void dispatch(setAgentState({ state: e.target.value as AgentState }))}
      >
        {AGENT_STATES.map((s) => (
          <option key={s} value={s}>
            {t(s === 'offline' && supervising ? 'availability.states.supervising' : `availability.states.${s}`)}
          </option>
        ))}
      </select>
      {error && (
        <span id="agent-state-error" role="alert" className="muted">
          {t('availability.failed', { message: refusalText(t, error) })}
        </span>
      )}
    </div>
  );
}
