import { useTranslation } from 'react-i18next';
import type { EidasLevel, IdentityLevel } from '../../shared/identity-levels.js';

// The level is told by its words and a mark (· ✓ ✓✓), never by colour alone; every colour pair
// is one of the AA pairs of styles.css. `compact` (inbox rows, headers): the short word, the whole
// sentence for screen readers and as the tooltip.
const MARK: Record<IdentityLevel, string> = { unverified: '·', channel: '✓', confirmed: '✓', portal: '✓✓', franceconnect: '✓✓' };

export { strongestIdentity } from '../../shared/identity-levels.js';

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
