import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationElsewhere } from '../../../shared/api.js';
import { ChannelIcon } from '../../ui/ChannelIcon.js';

export interface ElsewhereEntryProps {
  conversation: ConversationElsewhere;
  posInSet: number;
  setSize: number;
}

/**
 * A conversation of this citizen handled by another service: the agent learns that it exists,
 * when and on which channels, so the citizen need not retell it — never what was said.
 */
export const ElsewhereEntry = memo(function ElsewhereEntry({ conversation: c, posInSet, setSize }: ElsewhereEntryProps) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
  const labelId = `elsewhere-${c.id}-label`;
  return (
    <article className="entry entry--elsewhere" aria-labelledby={labelId} aria-posinset={posInSet} aria-setsize={setSize} tabIndex={0}>
      <p className="entry__elsewhere" id={labelId}>
        <span className="entry__elsewhere-title">{t('timeline.elsewhere')}</span>{' '}
        {c.channels.map((ch) => (
          <span key={ch} className="entry__channel">
            <ChannelIcon kind={ch} />
            {t(`channel.${ch}`)}
          </span>
        ))}{' '}
        <span className="muted">{t('timeline.elsewhereDates', { from: date(c.openedAt), to: date(c.lastActivityAt) })}</span>
      </p>
    </article>
  );
});
