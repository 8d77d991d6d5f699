import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../shared/model.js';
import { dueTimeOf } from './dueTime.js';
import { formatDateTime, formatTimeShort } from './format.js';

/**
 * The conversation's next service-level deadline: "Réponse avant 14:30", "Résolution en retard
 * (attendue 3 déc. 17:30)". The state is said in words and marked by a sign, not by colour alone.
 * `compact` (inbox rows, a fixed height): a short visible label, the whole sentence for screen
 * readers and as a tooltip.
 */
export function DueBadge({ conversation, now, compact = false }: { conversation: Conversation; now: number; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const due = dueTimeOf(conversation, now);
  if (!due) return null;
  const late = due.state === 'late';
  const sentence = t(`due.${due.kind}.${late ? 'late' : 'before'}`, { time: formatDateTime(due.dueAt, i18n.language, now) });
  const level = due.state === 'due' ? 'normal' : due.state === 'soon' ? 'warning' : 'late';
  return (
    <span className={`waiting-badge waiting-badge--${level}`} data-testid="due-badge" data-due-state={due.state} title={compact ? sentence : undefined}>
      {due.state !== 'due' && (
        <span aria-hidden="true" className="waiting-badge__mark">
          {late ? '!!' : '!'}
        </span>
      )}
      {compact ? (
        <>
          <time aria-hidden="true" dateTime={due.dueAt}>
            {late ? t('due.short.late') : t(`due.short.${due.kind}`, { time: formatTimeShort(due.dueAt, i18n.language, now) })}
          </time>
          <span className="sr-only">{sentence}</span>
        </>
      ) : (
        <time dateTime={due.dueAt}>{sentence}</time>
      )}
    </span>
  );
}
