import './pageWords.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Agent } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import { CourseEditor } from '../features/training/CourseEditor.js';
import { CourseList } from '../features/training/CourseList.js';
import { TraineeCourses } from '../features/training/TraineeCourses.js';
import { loadCourses, selectTraining } from '../features/training/trainingSlice.js';
import { selectAgents } from './directorySlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';

/** /training: trainers and admins manage courses; a trainee finds the courses assigned to them. */
export function TrainingPage({ viewer }: { viewer: Agent }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { courseId } = useParams();
  const training = useAppSelector(selectTraining);
  const agents = useAppSelector(selectAgents);
  const manages = can(viewer.role, 'training:manage');

  useEffect(() => {
    void dispatch(loadCourses());
  }, [dispatch]);

  let content;
  if (training.status === 'error') {
    content = (
      <p className="empty" role="alert">
        {t('training.loadError')}
      </p>
    );
  } else if (training.status !== 'ready') {
    content = (
      <p className="empty" role="status">
        {t('common.loading')}
      </p>
    );
  } else if (!manages) {
    content = <TraineeCourses courses={training.courses} />;
  } else if (courseId === 'new') {
    content = <CourseEditor course={null} agents={agents} />;
  } else if (courseId) {
    const course = training.courses.find((c) => c.id === courseId);
    content = course ? <CourseEditor key={course.id} course={course} agents={agents} /> : <p className="empty">{t('training.notFound')}</p>;
  } else {
    content = <CourseList courses={training.courses} agents={agents} />;
  }

  return (
    <main id="main" className="training-page" tabIndex={-1}>
      {content}
    </main>
  );
}
