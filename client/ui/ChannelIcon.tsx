import { useTranslation } from 'react-i18next';
import type { Channel, IdentityKind } from '../../shared/model.js';

// Simple line icons (24×24, currentColor). Icons are decorative: a text label or an accessible
// name always goes with them, so no meaning is carried by the picture alone.
const PATHS: Record<IdentityKind, string> = {
  email: 'M3 5h18v14H3z M3 6l9 7 9-7',
  phone:
    'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z',
  webchat: 'M4 4h16v11H9l-5 4z M8 9h8 M8 12h5',
  messenger: 'M12 3a9 8.5 0 0 0-5 15.5V22l3.5-2A9 8.5 0 1 0 12 3z M7 13l3.5-3.5 2.5 2.5 4-3.5-3.5 3.5-2.5-2.5z',
  whatsapp: 'M4 20l1.3-4A8.5 8.5 0 1 1 8.5 19z M9 8.5c0 3.5 3 6.5 6.5 6.5l1-1.8-2-1-1 1a4.5 4.5 0 0 1-2.7-2.7l1-1-1-2z',
  instagram: 'M4 4h16v16H4z M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z M16.8 7.2h.01',
  telegram: 'M21 4L3 11l6 2 2 6 3-4 5 4z M9 13l12-9',
  account: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0',
};

export function ChannelIcon({ kind, size = 16 }: { kind: IdentityKind; size?: number }) {
  return (
    <svg
      className={`channel-icon channel-icon--${kind}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}

/** Icon plus a label; `labelHidden` keeps the label for screen readers only (compact rows). */
export function ChannelBadge({ channel, labelHidden = false }: { channel: Channel | IdentityKind; labelHidden?: boolean }) {
  const { t } = useTranslation();
  const label = t(`channel.${channel}`);
  return (
    <span className="channel-badge" title={label}>
      <ChannelIcon kind={channel} />
      <span className={labelHidden ? 'sr-only' : 'channel-badge__label'}>{label}</span>
    </span>
  );
}
