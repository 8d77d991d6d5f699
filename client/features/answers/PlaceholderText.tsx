import type { TFunction } from 'i18next';
import { Fragment } from 'react';

const KNOWN: Record<string, string> = {
  'citoyen.nom': 'answers.ph.citizen',
  'agent.prenom': 'answers.ph.agentFirst',
  'agent.nom': 'answers.ph.agent',
  'service.nom': 'answers.ph.service',
  'date.jour': 'answers.ph.today',
  'date.limite': 'answers.ph.deadline',
};

/** A placeholder's name as the agent reads it ("Date limite"); an unknown one as written. */
export function placeholderLabel(t: TFunction, name: string): string {
  const key = KNOWN[name];
  return key ? t(key) : name === '' ? '{{ }}' : name;
}

/** An answer's text with what is left to fill marked, line breaks kept (by CSS). */
export function PlaceholderText({ text }: { text: string }) {
  const parts = text.split(/(\{\{[^{}]*\}\})/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="placeholder-mark">
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
