import { useId, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { colleaguesMatching, insertMention, mentionQueryAt, type Mentionable, type MentionQuery } from './mentionDraft.js';

export interface MentionPicker {
  /** ARIA wiring of the textarea while a list is shown (a textbox with a list of suggestions). */
  inputProps: { 'aria-autocomplete'?: 'list'; 'aria-controls'?: string; 'aria-activedescendant'?: string };
  /** After each change of the text: opens, narrows or closes the list. */
  onTextChanged(text: string, caret: number): void;
  /** Arrows, Enter, Tab and Escape while the list is shown; true when the key was the picker's. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  list: ReactNode;
}

/**
 * "@" in a note opens the colleagues who may be mentioned (those the conversation's access rule
 * lets in: the server mentions nobody else), narrowed as the agent types; the chosen one goes in
 * as "@Full Name ", which the server reads as a mention (shared/mentions.ts).
 */
export function useMentionPicker(options: {
  enabled: boolean;
  colleagues: readonly Mentionable[];
  text: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onText(text: string): void;
}): MentionPicker {
  const { t } = useTranslation();
  const listId = useId();
  const [at, setAt] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const matches = at && options.enabled ? colleaguesMatching(at.query, options.colleagues) : [];
  const shown = at !== null && options.enabled;

  const choose = (agent: Mentionable) => {
    const input = options.inputRef.current;
    if (!at || !input) return;
    const done = insertMention(options.text, at, input.selectionStart ?? options.text.length, agent);
    options.onText(done.text);
    setAt(null);
    // After React has put the new text in: the caret right after the name.
    requestAnimationFrame(() => {
      input.focus();
      input.setSelectionRange(done.caret, done.caret);
    });
  };

  return {
    inputProps: shown ? { 'aria-autocomplete': 'list', 'aria-controls': listId, ...(matches[active] ? { 'aria-activedescendant': `${listId}-${active}` } : {}) } : {},
    onTextChanged(text, caret) {
      if (!options.enabled) return;
      const next = mentionQueryAt(text, caret);
      setAt(next);
      if (next?.query !== at?.query) setActive(0);
    },
    onKeyDown(e) {
      if (!shown) return false;
      if (e.key === 'Escape') {
        setAt(null);
        return true;
      }
      if (matches.length === 0) return false;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return true;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        choose(matches[Math.min(active, matches.length - 1)]!);
        return true;
      }
      return false;
    },
    list: shown ? (
      <div className="mention-picker">
        <p className="sr-only" role="status">
          {matches.length === 0 ? t('mentions.noColleague') : t('mentions.pickerHelp')}
        </p>
        {matches.length > 0 && (
          <ul id={listId} role="listbox" className="mention-picker__list" aria-label={t('mentions.pickerLabel')}>
            {matches.map((a, i) => (
              <li
                key={a.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'mention-picker__option is-active' : 'mention-picker__option'}
                // mousedown, not click: the textarea keeps the focus and the caret.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(a);
                }}
              >
                @{a.displayName}
              </li>
            ))}
          </ul>
        )}
      </div>
    ) : null,
  };
}
