import { refusalText } from '../../ui/errorText.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentId } from '../../../shared/ids.js';
import { AGENT_STATES } from '../../../shared/constants.js';
import type { AgentState } from '../../../shared/model.js';
import { useAppDispatch } from '../../app/hooks.js';
import { setAgentState } from './supervisorSlice.js';

/** Changes an agent's state from the board; the row updates from the journal push, not from here. */
export function AgentStateControl({ agentId, agentName, current }: { agentId: AgentId; agentName: string; current: AgentState }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [choice, setChoice] = useState<AgentState>(current);
  const [error, setError] = useState<string | null>(null);
  const selectId = `agent-state-${agentId}`;
  return (
    <form
      className="board-assign"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        void dispatch(setAgentState({ agentId, state: choice }))
          .unwrap()
          .then((res) => {
            if (!res.ok) setError(refusalText(t, res.error));
          });
      }}
    >
      <label htmlFor={selectId} className="sr-only">
        {t('supervisor.agents.changeStateOf', { name: agentName })}
      </label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value as AgentState)}>
        {AGENT_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`supervisor.state.${s}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={choice === current} aria-label={t('supervisor.agents.applyStateOf', { name: agentName })}>
        {t('supervisor.agents.applyState')}
      </button>
      {error && (
        <span role="alert" className="board-error">
          {error}
        </span>
      )}
    </form>
  );
}
