import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityLine } from '../../../shared/timeline-activity.js';
import { formatDateTime } from '../../ui/format.js';
import { activityText } from './activityText.js';

export interface ActivityEntryProps {
  line: ActivityLine;
  /** True when the line is about another conversation of the citizen. */
  otherConversation: boolean;
  agentName: (id: string | undefined) => string | null;
  posInSet: number;
  setSize: number;
  now: number;
}

/**
 * "Camille Martin a pris la conversation": one quiet line between the messages. An article of the
 * feed like every other entry, so a screen reader walks it in order and hears its sentence and time.
 */
export const ActivityEntry = memo(function ActivityEntry({ line, otherConversation, agentName, posInSet, setSize, now }: ActivityEntryProps) {
  const { t, i18n } = useTranslation();
  const { key, values } = activityText(line, agentName, t('timeline.agent'));
  const labelId = `activity-${line.seq}-label`;
  return (
    <article
      className="entry entry--activity"
      data-testid="timeline-activity"
      data-seq={line.seq}
      aria-labelledby={labelId}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      tabIndex={0}
    >
      <p className="entry__activity" id={labelId}>
        <span className="entry__activity-text">{t(key, values)}</span>
        {otherConversation && <span className="entry__activity-other"> ({t('timeline.activity.other')})</span>}
        <span className="sr-only">, </span>
        <time className="entry__activity-time" dateTime={line.at}>
          {formatDateTime(line.at, i18n.language, now)}
        </time>
      </p>
    </article>
  );
});
