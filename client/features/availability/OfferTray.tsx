import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ConversationId } from '../../../shared/ids.js';
import type { IdentityStanding } from '../../../shared/identity-levels.js';
import type { Channel } from '../../../shared/model.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { acceptOffer, declineOffer } from '../../realtime/commands.js';
import { refusalText } from '../../ui/errorText.js';
import { formatDuration } from '../../ui/duration.js';
import { useNow } from '../../ui/useNow.js';
import { IdentityLevelBadge } from '../../ui/IdentityLevelBadge.js';
import { WaitingBadge } from '../../ui/WaitingBadge.js';
import { selectMyOffers, type PendingOffer } from './availabilitySlice.js';

/** What the console knows of an offered conversation (the inbox knows it; features do not read each other). */
export interface OfferSubject {
  citizenName: string;
  channel?: Channel;
  waitingSince: string | null;
  /** How strongly the citizen is known, when the inbox knows. */
  standing?: IdentityStanding;
}

/** Alt+Shift+A accepts the first offer from anywhere in the console (modifiers: no clash with typing). */
export const ACCEPT_SHORTCUT = 'Alt+Shift+A';
const isAcceptShortcut = (e: KeyboardEvent) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyA';

/**
 * Offers of automatic assignment as one compact tray under the header: its height does not grow
 * with the number of offers. It shows the first (oldest) offer with who, the channel, how long the
 * citizen has waited and a live countdown; the others are behind a disclosure. Accepting opens the
 * conversation. Nothing here is a live region: the countdown would be read every second; the
 * alerts' announcer says "new offer" once.
 */
export function OfferTray({ describe }: { describe: (conversationId: ConversationId) => OfferSubject | null }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const offers = useAppSelector(selectMyOffers);
  const now = useNow(1000);
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const othersId = useId();
  const first = offers[0];

  const accept = async (conversationId: ConversationId) => {
    setFailure(null);
    const result = await dispatch(acceptOffer({ conversationId })).unwrap();
    if (result.ok) {
      setOpen(false);
      void navigate(`/inbox/${encodeURIComponent(conversationId)}`);
    } else {
      setFailure(refusalText(t, result.error));
    }
  };
  const decline = (conversationId: ConversationId) => {
    setFailure(null);
    void dispatch(declineOffer({ conversationId }));
  };

  // The shortcut reads the current first offer through a ref: one listener for the tray's life.
  const acceptFirst = useRef<() => void>(() => {});
  acceptFirst.current = () => {
    if (first) void accept(first.conversationId);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isAcceptShortcut(e)) return;
      e.preventDefault();
      acceptFirst.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (offers.length <= 1) setOpen(false);
  }, [offers.length]);

  if (!first) {
    return failure ? (
      <p className="offer-tray offer-tray--failure" role="alert">
        {failure}
      </p>
    ) : null;
  }
  const others = offers.slice(1);
  return (
    <section className="offer-tray" aria-label={t('availability.offers', { count: offers.length })} data-testid="offer-tray">
      <span className="offer-tray__count">{t('availability.offerCount', { count: offers.length })}</span>
      <OfferLine offer={first} subject={describe(first.conversationId)} now={now} onAccept={accept} onDecline={decline} primary />
      {others.length > 0 && (
        <div className="offer-tray__more">
          <button type="button" className="button button--ghost button--small" aria-expanded={open} aria-controls={othersId} onClick={() => setOpen((v) => !v)}>
            {t('availability.otherOffers', { count: others.length })}
          </button>
          <ul id={othersId} className="offer-tray__others" hidden={!open}>
            {others.map((o) => (
              <li key={`${o.conversationId}:${o.attempt}`}>
                <OfferLine offer={o} subject={describe(o.conversationId)} now={now} onAccept={accept} onDecline={decline} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <span role="alert" className="offer-tray__failure">
          {failure}
        </span>
      )}
    </section>
  );
}

function OfferLine({
  offer,
  subject,
  now,
  onAccept,
  onDecline,
  primary = false,
}: {
  offer: PendingOffer;
  subject: OfferSubject | null;
  now: number;
  onAccept: (id: ConversationId) => Promise<void>;
  onDecline: (id: ConversationId) => void;
  primary?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const left = Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000));
  const who = subject ? subject.citizenName : t('availability.offerUnknown');
  return (
    <span className="offer-line" data-offer={offer.conversationId}>
      <strong className="offer-line__who">{who}</strong>
      {subject?.standing && <IdentityLevelBadge level={subject.standing.level} eidas={subject.standing.eidas} compact />}
      {subject?.channel && <span className="offer-line__channel">{t(`channel.${subject.channel}`)}</span>}
      {subject?.waitingSince && <WaitingBadge since={subject.waitingSince} now={now} compact />}
      <span className="offer-line__countdown">
        {/* The seconds left, said as a sentence to screen readers; the digits for the eye. */}
        <span className="sr-only">{t('availability.expiresIn', { count: left })}</span>
        <span aria-hidden="true">{formatDuration(left, i18n.language)}</span>
      </span>
      <button
        type="button"
        className={`button button--small${primary ? ' button--primary' : ' button--ghost'}`}
        aria-keyshortcuts={primary ? ACCEPT_SHORTCUT : undefined}
        onClick={() => void onAccept(offer.conversationId)}
      >
        {t('availability.accept')}
        <span className="sr-only"> {t('availability.offerOf', { who })}</span>
        {/* The shortcut is in aria-keyshortcuts for assistive technologies; the hint is for the eye. */}
        {primary && (
          <kbd className="offer-line__kbd" aria-hidden="true">
            {t('availability.shortcut')}
          </kbd>
        )}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => onDecline(offer.conversationId)}>
        {t('availability.decline')}
        <span className="sr-only"> {t('availability.offerOf', { who })}</span>
      </button>
    </span>
  );
}
