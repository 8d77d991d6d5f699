import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../shared/replay.js';
import { useInstant } from './useReplayText.js';

export interface AnnotationsPanelProps {
  annotations: readonly Annotation[];
  /** Seqs of the events played so far: a trainee sees an annotation once playback reaches it. */
  reachedSeqs: ReadonlySet<number>;
  canAnnotate: boolean;
  viewerId: string;
  viewerIsAdmin: boolean;
  pending: boolean;
  error: string | null;
  /** Where a new annotation is pinned, in words ("événement 5, mardi 14 octobre 10:32"). */
  pinLabel: string;
  onAdd(text: string): Promise<boolean>;
  onEdit(id: string, text: string): void;
  onDelete(id: string): void;
  onJump(seq: number): void;
}

export function AnnotationsPanel(props: AnnotationsPanelProps) {
  const { t } = useTranslation();
  const instant = useInstant();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const shown = props.canAnnotate ? props.annotations : props.annotations.filter((a) => props.reachedSeqs.has(a.seq) || a.seq === 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    if (await props.onAdd(draft.trim())) setDraft('');
  };

  return (
    <section className="annotations" aria-labelledby="annotations-title">
      <h2 id="annotations-title" className="panel-title">
        {t('replay.annotations.title')}
      </h2>
      {shown.length === 0 ? (
        <p className="muted">{t('replay.annotations.none')}</p>
      ) : (
        <ul className="annotations__list" data-testid="replay-annotations">
          {shown.map((a) => {
            const reached = props.reachedSeqs.has(a.seq) || a.seq === 0;
            const mine = a.authorId === props.viewerId || props.viewerIsAdmin;
            return (
              <li key={a.id} className={reached ? 'annotation annotation--reached' : 'annotation'}>
                {editing?.id === a.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      props.onEdit(a.id, editing.text);
                      setEditing(null);
                    }}
                  >
                    <label htmlFor={`annotation-edit-${a.id}`} className="sr-only">
                      {t('replay.annotations.editLabel')}
                    </label>
                    <textarea id={`annotation-edit-${a.id}`} value={editing.text} rows={3} maxLength={2000} onChange={(e) => setEditing({ id: a.id, text: e.target.value })} />
                    <div className="annotation__actions">
                      <button type="submit" className="button button--small button--primary" disabled={!editing.text.trim()}>
                        {t('replay.annotations.save')}
                      </button>
                      <button type="button" className="button button--small button--ghost" onClick={() => setEditing(null)}>
                        {t('replay.annotations.cancel')}
                      </button>
                    </div>
                  </form>
                ) : (
                  <>
                    <p className="annotation__text">{a.text}</p>
                    <p className="annotation__meta muted">
                      {a.authorName} · <time dateTime={a.at}>{instant(a.at)}</time>
                    </p>
                    <div className="annotation__actions">
                      <button type="button" className="button button--small button--ghost" onClick={() => props.onJump(a.seq)}>
                        {t('replay.annotations.jump')}
                      </button>
                      {props.canAnnotate && mine && (
                        <>
                          <button type="button" className="button button--small button--ghost" onClick={() => setEditing({ id: a.id, text: a.text })}>
                            {t('replay.annotations.edit')}
                          </button>
                          <button type="button" className="button button--small button--ghost" onClick={() => props.onDelete(a.id)}>
                            {t('replay.annotations.delete')}
                          </button>
                        </>
                      )}
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {props.canAnnotate && (
        <form className="annotations__form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="annotation-new">{t('replay.annotations.addLabel', { where: props.pinLabel })}</label>
          <textarea
            id="annotation-new"
            data-testid="annotation-input"
            rows={3}
            maxLength={2000}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t('replay.annotations.placeholder')}
          />
          <button type="submit" className="button button--small button--primary" disabled={props.pending || !draft.trim()} data-testid="annotation-add">
            {t('replay.annotations.add')}
          </button>
          {props.error && (
            <p role="alert" className="inline-error">
              {t('replay.annotations.error', { reason: props.error })}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
