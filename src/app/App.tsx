/**
 * The app shell: the header, the run bar (on every step), the step rail and the open step.
 * State and commands live in the store; the shell only picks what each step shows.
 */
import { useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ModelSettings } from '../ui/components/controls/ModelSettings';
import { FatalBanner } from '../ui/components/FatalBanner';
import { Header } from '../ui/components/Header';
import { useLargeText } from '../ui/hooks/useLargeText';
import { AdaptStage } from '../ui/adapt/AdaptStage';
import { CheckpointsPanel } from '../ui/checkpoints/CheckpointsPanel';
import { ClassResultsView } from '../ui/class/ClassResultsView';
import { EvaluationPanel, type EvaluationRun } from '../ui/evaluation/EvaluationPanel';
import { RunBar } from '../ui/shell/RunBar';
import { SetupNotices } from '../ui/shell/SetupNotices';
import { ClassroomContext } from '../ui/shell/ClassroomContext';
import { ClassroomTools } from '../ui/shell/ClassroomTools';
import { LessonPanel } from '../ui/shell/LessonPanel';
import { useShortcuts } from '../ui/shell/shortcuts';
import { ShortcutsDialog } from '../ui/shell/ShortcutsDialog';
import { ResumeOffers } from '../ui/shell/ResumeOffers';
import { UpdateBanner } from '../ui/shell/UpdateBanner';
import { openTour, tourSeen } from '../ui/shell/tour';
import { Stepper } from '../ui/shell/Stepper';
import { CurateStep, DataStep, TokenizeStep } from '../ui/steps/DataSteps';
import { TrainStep } from '../ui/steps/TrainStep';
import { ScaleStep } from '../ui/scale/ScaleStep';
import { settingsProblems } from './blockers';
import { runColour } from './runs';
import { staleNotice, type StepId } from './state';
import type { PlaygroundStore } from './store';
import type { ScalingState } from './scaling-lab';

/** The Scale step's note in the rail: the queue in progress, or the runs kept. */
function scaleNote(lab: ScalingState): string | undefined {
  if (lab.progress !== null) return `run ${lab.progress.index + 1} of ${lab.progress.total}`;
  const runs = lab.report?.runs.length ?? 0;
  return runs === 0 ? undefined : `${runs} run${runs === 1 ? '' : 's'}`;
}

/** The playground. */
export function App({ store }: { store: PlaygroundStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const pipeline = useSyncExternalStore(store.subscribe, store.pipeline.getSnapshot);
  const scaling = useSyncExternalStore(store.scaling.subscribe, store.scaling.getSnapshot);
  const [largeText, setLargeText] = useLargeText();
  // Bumped when a checkpoint is saved, imported, renamed or deleted: the Adapt list reloads.
  const [checkpointsVersion, setCheckpointsVersion] = useState(0);
  const activeRun = state.runs.find((run) => run.runId === state.activeRunId);
  const blockers = store.blockers();
  const stale = activeRun === undefined ? null : staleNotice(store.staleReasons());
  const problems = useMemo(() => settingsProblems(state.config), [state.config]);
  const canStart =
    state.worker === 'ready' &&
    state.pending === null &&
    (store.canContinue() || blockers.length === 0);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const classroom = useContext(ClassroomContext);
  const present = state.present;

  useShortcuts({
    toggleRun: () => {
      if (activeRun?.status === 'training') store.pause();
      else if (canStart) store.start();
    },
    step: () => {
      if (activeRun?.status !== 'training' && canStart) store.stepOnce();
    },
    reset: () => store.reset(),
    togglePresent: () => store.setPresent(!present),
    toggleHelp: () => setShortcutsOpen((open) => !open),
    escape: () => {
      if (!shortcutsOpen && present) store.setPresent(false);
    },
  });

  // A first visit opens the tour, unless the link is a teacher's (a lesson, hidden controls or
  // the presenter view), which brings its own guidance.
  useEffect(() => {
    const teachersLink = state.lesson !== null || present || classroom.hidden.size > 0;
    if (!tourSeen() && !teachersLink) void openTour((step) => store.setStep(step));
    // Only on the first render: a lesson opened later does not bring the tour back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    document.title =
      activeRun?.status === 'training'
        ? `Training ${activeRun.label} · Pre-training Playground`
        : 'Pre-training Playground';
  }, [activeRun?.status, activeRun?.label]);

  const evaluationRuns = useMemo<EvaluationRun[]>(
    () =>
      state.runs.map((run) => ({
        runId: run.runId,
        label: run.label,
        objective: run.objective,
        color: runColour(run),
        visible: run.visible,
        evals: run.evals,
        samples: run.samples,
      })),
    [state.runs],
  );

  const tokens = pipeline.tokens.latest;
  const notes: Partial<Record<StepId, string>> = {
    data: pipeline.dataset?.name,
    curate:
      pipeline.curated.latest === null
        ? undefined
        : `${pipeline.curated.latest.summary.after.documents.toLocaleString('en')} docs kept`,
    tokenize: tokens === null ? undefined : `${tokens.kind} · ${tokens.vocabSize} tokens`,
    train: activeRun === undefined ? undefined : `${activeRun.label} · ${activeRun.status}`,
    scale: scaleNote(scaling),
  };

  const trainStep = (
    <TrainStep
      store={store}
      state={state}
      pipeline={pipeline}
      activeRun={activeRun}
      blockers={blockers}
      stale={stale}
      present={present}
    />
  );
  const view = (() => {
    if (present) return trainStep;
    switch (state.step) {
      case 'data':
        return <DataStep store={store} pipeline={pipeline} />;
      case 'curate':
        return <CurateStep store={store} pipeline={pipeline} />;
      case 'tokenize':
        return (
          <TokenizeStep
            store={store}
            pipeline={pipeline}
            blockSize={state.config.model.blockSize}
          />
        );
      case 'model':
        return (
          <ModelSettings
            config={state.config}
            onChange={(config) => store.setConfig(config)}
            vocabSize={tokens?.vocabSize ?? 0}
            vocabKnown={tokens !== null}
            problems={problems}
            disabled={false}
          />
        );
      case 'train':
        return trainStep;
      case 'scale':
        return <ScaleStep store={store} />;
      case 'class':
        return <ClassResultsView store={store} />;
      case 'evaluate':
        return (
          <EvaluationPanel runs={evaluationRuns} store={store} currentRunId={state.activeRunId} />
        );
      case 'adapt':
        return (
          <>
            <CheckpointsPanel
              store={store}
              currentRunId={state.activeRunId}
              canSave={activeRun !== undefined && activeRun.step > 0 && state.pending === null}
              saveBlockedReason="Train a model first (Start on the Train step): there is nothing to save yet."
              suggestedName={
                activeRun === undefined
                  ? undefined
                  : `${activeRun.label}: ${activeRun.sizeName} on ${activeRun.corpusName}, step ${activeRun.step}`
              }
              onChanged={() => setCheckpointsVersion((v) => v + 1)}
            />
            <AdaptStage store={store} checkpointsVersion={checkpointsVersion} />
          </>
        );
    }
  })();

  return (
    <div className={`app${present ? ' is-presenting' : ''}`}>
      <Header
        state={state}
        largeText={largeText}
        onLargeTextChange={setLargeText}
        onBackendChange={(choice) => store.setBackend(choice)}
        tools={
          <ClassroomTools
            store={store}
            present={present}
            onShortcuts={() => setShortcutsOpen(true)}
            onTour={() => void openTour((step) => store.setStep(step))}
          />
        }
      />
      <UpdateBanner />
      {state.fatal !== null ? (
        <FatalBanner
          message={state.fatal}
          onRestart={() => store.restartWorker()}
          autosaveStep={state.autosave.last?.step ?? null}
          onContinue={() => store.restartFromAutosave()}
          gpuLost={state.gpuLost}
        />
      ) : null}
      <ResumeOffers
        offers={state.autosave.offers}
        canResume={state.worker === 'ready' && state.pending === null}
        onResume={(id) => void store.resumeAutosave(id)}
        onDiscard={(id) => store.discardAutosave(id)}
      />
      <RunBar
        state={state}
        run={activeRun}
        canStart={canStart}
        stale={stale}
        onStart={() => store.start()}
        onPause={() => store.pause()}
        onOpenTrain={() => store.setStep('train')}
        showActions={state.step !== 'train'}
      />
      <SetupNotices notices={state.setupNotices} onDismiss={() => store.dismissSetupNotices()} />
      <div className="shell">
        {present ? null : (
          <Stepper step={state.step} onSelect={(step) => store.setStep(step)} notes={notes} />
        )}
        <main className={`step-view step-${present ? 'train' : state.step}`} aria-label="Step">
          {state.lesson !== null && !present ? (
            <LessonPanel
              store={store}
              lessonId={state.lesson}
              done={state.lessonStep}
              runs={state.runs}
              comparison={state.comparison}
              canAct={state.worker === 'ready' && state.pending === null}
            />
          ) : null}
          {view}
        </main>
      </div>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
