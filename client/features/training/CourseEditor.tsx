import { refusalText } from '../../ui/errorText.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Agent } from '../../../shared/model.js';
import type { Course, CourseItem } from '../../../shared/replay.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { saveCourse, selectTraining } from './trainingSlice.js';
import './training.css';

export interface CourseEditorProps {
  /** Null: a new course. */
  course: Course | null;
  agents: readonly Agent[];
}

/** Title, description, replays in order (with their labels) and the trainees who follow it. */
export function CourseEditor({ course, agents }: CourseEditorProps) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const { saving, error } = useAppSelector(selectTraining);
  const [title, setTitle] = useState(course?.title ?? '');
  const [description, setDescription] = useState(course?.description ?? '');
  const [items, setItems] = useState<CourseItem[]>(course?.items ?? []);
  const [trainees, setTrainees] = useState<string[]>(course?.traineeIds ?? []);
  const traineeAccounts = agents.filter((a) => a.role === 'trainee');

  const move = (i: number, delta: number) => {
    const next = [...items];
    const [item] = next.splice(i, 1);
    next.splice(i + delta, 0, item!);
    setItems(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await dispatch(saveCourse({ ...(course ? { id: course.id } : {}), input: { title, description, items, traineeIds: trainees as Course['traineeIds'] } }));
    if (saveCourse.fulfilled.match(result)) void navigate('/training');
  };

  return (
    <form className="course-editor" onSubmit={(e) => void submit(e)} aria-labelledby="course-editor-title">
      <h1 id="course-editor-title">{course ? t('training.editTitle', { title: course.title }) : t('training.newTitle')}</h1>
      <div className="field">
        <label htmlFor="course-title">{t('training.fields.title')}</label>
        <input id="course-title" data-testid="course-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="course-description">{t('training.fields.description')}</label>
        <textarea id="course-description" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>

      <fieldset className="course-editor__items">
        <legend>{t('training.fields.items')}</legend>
        {items.length === 0 ? (
          <p className="muted">{t('training.noItems')}</p>
        ) : (
          <ol>
            {items.map((item, i) => (
              <li key={`${item.replay.kind}:${item.replay.id}`} className="course-item">
                <div className="field">
                  <label htmlFor={`course-item-${i}`}>
                    {t('training.fields.itemLabel', { index: i + 1 })} ({t(`replay.kind.${item.replay.kind}`)})
                  </label>
                  <input
                    id={`course-item-${i}`}
                    maxLength={200}
                    value={item.label}
                    onChange={(e) => setItems(items.map((it, k) => (k === i ? { ...it, label: e.target.value } : it)))}
                  />
                </div>
                <div className="course-item__actions">
                  <Link className="button button--small button--ghost" to={`/replay/${item.replay.kind}/${encodeURIComponent(item.replay.id)}`}>
                    {t('training.preview')}
                    <span className="sr-only"> {i + 1}</span>
                  </Link>
                  <button type="button" className="button button--small button--ghost" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('training.up')}
                    <span className="sr-only"> {i + 1}</span>
                  </button>
                  <button type="button" className="button button--small button--ghost" disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                    {t('training.down')}
                    <span className="sr-only"> {i + 1}</span>
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => setItems(items.filter((_, k) => k !== i))}>
                    {t('training.remove')}
                    <span className="sr-only"> {i + 1}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
        <p className="muted">
          {t('training.addHint')} <Link to="/replay">{t('training.toPicker')}</Link>
        </p>
      </fieldset>

      <fieldset className="course-editor__trainees">
        <legend>{t('training.fields.trainees')}</legend>
        {traineeAccounts.length === 0 ? (
          <p className="muted">{t('training.noTraineeAccount')}</p>
        ) : (
          traineeAccounts.map((a) => (
            <div key={a.id} className="field field--checkbox">
              <input
                id={`trainee-${a.id}`}
                type="checkbox"
                checked={trainees.includes(a.id)}
                onChange={(e) => setTrainees(e.target.checked ? [...trainees, a.id] : trainees.filter((id) => id !== a.id))}
              />
              <label htmlFor={`trainee-${a.id}`}>
                {a.displayName} <span className="muted">({a.email})</span>
              </label>
            </div>
          ))
        )}
      </fieldset>

      {error && (
        <p role="alert" className="inline-error">
          {t('training.saveError', { reason: refusalText(t, error) })}
        </p>
      )}
      <div className="course-editor__actions">
        <button type="submit" className="button button--primary" disabled={saving || !title.trim()} data-testid="course-save">
          {t('training.save')}
        </button>
        <Link className="button button--ghost" to="/training">
          {t('training.cancel')}
        </Link>
      </div>
    </form>
  );
}
