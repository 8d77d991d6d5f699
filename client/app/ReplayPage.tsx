import './pageWords.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Agent } from '../../shared/model.js';
import { can } from '../../shared/permissions.js';
import type { ReplayKind } from '../../shared/replay.js';
import { ReplayPicker } from '../features/replay/ReplayPicker.js';
import { ReplayPlayer } from '../features/replay/ReplayPlayer.js';
import { AddToCourse } from '../features/training/AddToCourse.js';
import { CourseNav } from '../features/training/CourseNav.js';
import { loadCourses, selectTraining } from '../features/training/trainingSlice.js';
import { selectAgents, selectQueues } from './directorySlice.js';
import { useAppDispatch, useAppSelector } from './hooks.js';
import { ReplayedConversation } from './ReplayedConversation.js';

// The trainer's replay screen: the picker at /replay, the player at /replay/:kind/:id. Composes
// the replay feature (player), the conversation feature (the replayed screen) and the training
// feature (course navigation, adding to a course).

function isKind(value: string | undefined): value is ReplayKind {
  return value === 'conversation' || value === 'citizen';
}

export function ReplayPage({ viewer }: { viewer: Agent }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { kind, id } = useParams();
  const [search] = useSearchParams();
  const courseId = search.get('course');
  const agents = useAppSelector(selectAgents);
  const queues = useAppSelector(selectQueues);
  const training = useAppSelector(selectTraining);
  const manages = can(viewer.role, 'training:manage');

  useEffect(() => {
    if ((manages || courseId) && training.status === 'idle') void dispatch(loadCourses());
  }, [dispatch, manages, courseId, training.status]);

  if (!isKind(kind) || !id) {
    return (
      <main id="main" className="replay-page" tabIndex={-1}>
        {can(viewer.role, 'replay:read') ? <ReplayPicker queues={queues} /> : <p className="empty">{t('replay.errors.forbidden')}</p>}
      </main>
    );
  }

  const ref = { kind, id };
  const course = courseId ? training.courses.find((c) => c.id === courseId) : undefined;
  const navigation = course ? (
    <CourseNav course={course} current={ref} />
  ) : (
    <nav aria-label={t('replay.back')}>
      <Link to={can(viewer.role, 'replay:read') ? '/replay' : '/training'}>{can(viewer.role, 'replay:read') ? t('replay.backToPicker') : t('training.backToCourses')}</Link>
    </nav>
  );

  return (
    <main id="main" className="replay-page" tabIndex={-1}>
      <ReplayPlayer
        key={`${kind}:${id}`}
        replayRef={ref}
        viewer={viewer}
        agents={agents}
        navigation={navigation}
        tools={manages ? <AddToCourse courses={training.courses} replayRef={ref} /> : null}
        renderScreen={(frame) => <ReplayedConversation frame={frame} viewer={viewer} agents={agents} queues={queues} />}
      />
    </main>
  );
}
