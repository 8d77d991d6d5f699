import { useTranslation } from 'react-i18next';
import type { Citizen } from '../../../shared/model.js';
import { ChannelBadge } from '../../ui/ChannelIcon.js';
import { citizenNameDisplay, displayText, identityDisplay } from '../../ui/identityDisplay.js';

/** The citizen as the agent's record showed them at that instant (masked in masked mode). */
export function CitizenCard({ citizen, label }: { citizen: Citizen | null; label: string }) {
  const { t } = useTranslation();
  return (
    <section className="replay-citizen" aria-labelledby="replay-citizen-title">
      <h2 id="replay-citizen-title" className="panel-title">
        {t('replay.citizen.title')}
      </h2>
      <p className="replay-citizen__name">{citizen ? displayText(citizenNameDisplay(citizen.displayName, citizen.identities.map((i) => i.kind)), t) : label}</p>
      {citizen && citizen.identities.length > 0 ? (
        <ul className="replay-citizen__identities">
          {citizen.identities.map((i) => {
            const shown = identityDisplay(i, citizen.identities);
            // The label is spoken with the value; with no value (a web-chat session) it is the line.
            return (
              <li key={`${i.kind}:${i.value}`}>
                <ChannelBadge channel={i.kind} labelHidden />
                {shown.value === null ? (
                  <> {displayText(shown.label, t)}</>
                ) : (
                  <>
                    <span className="sr-only">{displayText(shown.label, t)} :</span> {shown.value}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('citizen.noIdentity')}</p>
      )}
    </section>
  );
}
