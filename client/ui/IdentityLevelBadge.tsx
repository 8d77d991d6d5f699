import { useTranslation } from 'react-i18next';
import { strongerLevel, type EidasLevel, type IdentityLevel } from '../../shared/identity-levels.js';

// The level is told by its words and a mark (· ✓ ✓✓), never by colour alone; every colour pair
// is one of the AA pairs of styles.css. `compact` (inbox rows, headers): the short word, the whole
// sentence for screen readers and as the tooltip.
const MARK: Record<IdentityLevel, string> = { unverified: '·', channel: '✓', confirmed: '✓', portal: '✓✓', franceconnect: '✓✓' };

/** The citizen's strongest identity (level and eIDAS level), for a badge beside their name; null without any. */
export function strongestIdentity(identities: readonly { level: IdentityLevel; eidas?: EidasLevel | undefined }[]): { level: IdentityLevel; eidas?: EidasLevel | undefined } | null {
  let best: { level: IdentityLevel; eidas?: EidasLevel | undefined } | null = null;
  for (const i of identities) if (best === null || (strongerLevel(best.level, i.level) === i.level && i.level !== best.level)) best = i;
  return best;
}

export function IdentityLevelBadge({ level, eidas, compact = false }: { level: IdentityLevel; eidas?: EidasLevel | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  const short = t(`identity.level.${level}`);
  const sentence = t(`identity.levelLong.${level}`) + (level === 'franceconnect' && eidas ? ` (${t(`identity.eidas.${eidas}`)})` : '');
  return (
    <span className={`level-badge level-badge--${level}`} title={compact ? sentence : undefined} data-testid="identity-level">
      <span aria-hidden="true" className="level-badge__mark">
        {MARK[level]}
      </span>
      <span aria-hidden="true"> {short}</span>
      <span className="sr-only">{sentence}</span>
    </span>
  );
}
