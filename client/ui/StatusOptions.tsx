import { useTranslation } from 'react-i18next';
import { CONVERSATION_STATUSES } from '../../shared/constants.js';

/** The `<option>`s of a conversation-status select, in the model's order and the user's language. */
export function StatusOptions() {
  const { t } = useTranslation();
  return (
    <>
      {CONVERSATION_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </>
  );
}
