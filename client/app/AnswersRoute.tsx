import './pageWords.js';
import { useCallback } from 'react';
import type { Agent } from '../../shared/model.js';
import { AnswersPage } from '../features/answers/AnswersPage.js';
import { selectAgents } from './directorySlice.js';
import { useAppSelector } from './hooks.js';

/** The answer library page, with staff names from the directory (loaded at sign-in). */
export function AnswersRoute({ viewer }: { viewer: Agent }) {
  const agents = useAppSelector(selectAgents);
  const agentName = useCallback((id: string) => agents.find((a) => a.id === id)?.displayName ?? id, [agents]);
  return <AnswersPage viewer={viewer} agentName={agentName} />;
}
