/**
 * The app shell: header, the settings column (text, model) and the live view (run controls,
 * stats, loss chart, predictions, attention). Settings live here; everything the worker
 * reports lives in the store.
 */
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { BackendChoice } from '../config/backends';
import type { RunConfig } from '../config/config';
import { checkControls, checkTrainingText, controlFor, CONTROLS } from '../config/controls';
import type { NumericField } from '../config/controls';
import { matchingPreset, presetById, presetConfig, type PresetId } from '../config/presets';
import { validateConfig } from '../config/validate';
import { SPECIAL_TOKENS } from '../tokenizer/tokenizer';
import { LossChart } from '../ui/charts/LossChart';
import { CorpusPicker, CUSTOM_CORPUS_ID } from '../ui/components/controls/CorpusPicker';
import { ModelSettings } from '../ui/components/controls/ModelSettings';
import { FatalBanner } from '../ui/components/FatalBanner';
import { Header } from '../ui/components/Header';
import { RunControls } from '../ui/components/RunControls';
import { StatsPanel } from '../ui/components/StatsPanel';
import { useCorpusIndex, useCorpusText } from '../ui/hooks/useCorpora';
import { useLargeText } from '../ui/hooks/useLargeText';
import { useThrottledValue } from '../ui/hooks/useThrottledValue';
import { PredictionsArea } from '../ui/predictions/PredictionsArea';
import { AdaptStage } from '../ui/adapt/AdaptStage';
import { CheckpointsPanel } from '../ui/checkpoints/CheckpointsPanel';
import { DataStage, type PreparedStage } from '../ui/data/DataStage';
import { EvaluationPanel, type EvaluationRun } from '../ui/evaluation/EvaluationPanel';
import { runColour } from './runs';
import { countDistinctCodePoints } from '../ui/textStats';
import type { PlaygroundStore, RunDraft } from './store';
import type { EvalPoint, StepPoint } from '../worker/protocol';

/** Minimum time between two redraws of the loss chart (the stats update every 200 ms). */
const PLOT_INTERVAL_MS = 400;

/**
 * The data stage's first corpus: small, quick to curate, and kept by the default filters (the
 * Pattern text is one repeated block, which the repeated-lines filter rightly removes).
 */
const DATA_STAGE_CORPUS_ID = 'names';

/** The corpus chosen first (small and quickly learnt). */
const DEFAULT_CORPUS_ID = 'pattern';

const CONTROL_FIELDS = new Set<string>(CONTROLS.map((c) => c.field));

function labelOf(field: string): string {
  return CONTROL_FIELDS.has(field) ? controlFor(field as NumericField).label : field;
}

/** What a resumed checkpoint's saved extra says about its run (curves, names), read defensively. */
function resumedRun(
  event: { info: { name: string }; extra: unknown },
  fallback: RunConfig,
): [
  Parameters<PlaygroundStore['adoptRun']>[1],
  NonNullable<Parameters<PlaygroundStore['adoptRun']>[2]>,
] {
  const extra = (typeof event.extra === 'object' && event.extra !== null ? event.extra : {}) as {
    corpusName?: unknown;
    sizeName?: unknown;
    config?: RunConfig;
    steps?: StepPoint[];
    evals?: EvalPoint[];
  };
  return [
    {
      config: extra.config ?? fallback,
      corpusName: typeof extra.corpusName === 'string' ? extra.corpusName : 'saved text',
      sizeName: typeof extra.sizeName === 'string' ? extra.sizeName : 'Saved',
      label: event.info.name,
    },
    {
      steps: Array.isArray(extra.steps) ? extra.steps : [],
      evals: Array.isArray(extra.evals) ? extra.evals : [],
    },
  ];
}

interface AppProps {
  store: PlaygroundStore;
  /** The model size selected at load (`?preset=`); Tiny when null. */
  initialPreset?: PresetId | null;
  /** The built-in corpus selected at load (`?corpus=`); ignored if the corpus list lacks it. */
  initialCorpusId?: string | null;
}

/** The playground. */
export function App({ store, initialPreset = null, initialCorpusId = null }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [config, setConfig] = useState<RunConfig>(() => presetConfig(initialPreset ?? 'tiny'));
  const [chosenCorpusId, setCorpusId] = useState(
    initialCorpusId === null || initialCorpusId === CUSTOM_CORPUS_ID
      ? DEFAULT_CORPUS_ID
      : initialCorpusId,
  );
  const [custom, setCustom] = useState({ text: '', version: 0 });
  const [largeText, setLargeText] = useLargeText();
  // The data stage's output (curated text + tokenizer), and whether training uses it.
  const [prepared, setPrepared] = useState<PreparedStage | null>(null);
  const [useCurated, setUseCurated] = useState(false);
  const [checkpointsVersion, setCheckpointsVersion] = useState(0);

  const index = useCorpusIndex();
  const entries = index.status === 'loaded' ? index.value : [];
  // A corpus asked for by the link that the list does not have falls back to the default.
  const corpusId =
    index.status === 'loaded' &&
    chosenCorpusId !== CUSTOM_CORPUS_ID &&
    !entries.some((e) => e.id === chosenCorpusId)
      ? DEFAULT_CORPUS_ID
      : chosenCorpusId;
  const entry = entries.find((e) => e.id === corpusId) ?? null;
  const corpusText = useCorpusText(entry);
  const pickedText =
    corpusId === CUSTOM_CORPUS_ID
      ? custom.text
      : corpusText?.status === 'loaded'
        ? corpusText.value
        : null;
  const curated = useCurated ? prepared : null;
  const text = useCurated ? (prepared?.text ?? null) : pickedText;
  const corpusName = curated
    ? `${curated.summary.corpusName} (curated, ${curated.summary.tokenizer})`
    : corpusId === CUSTOM_CORPUS_ID
      ? 'Your text'
      : (entry?.name ?? corpusId);
  const corpusKey = curated
    ? `curated#${curated.summary.corpusName}#${curated.summary.tokenizer}#${curated.summary.vocabSize}#${curated.summary.trainTokens}`
    : corpusId === CUSTOM_CORPUS_ID
      ? `${CUSTOM_CORPUS_ID}#${custom.version}`
      : corpusId;

  const textStats = useMemo(
    () => (text === null ? null : { chars: text.length, distinct: countDistinctCodePoints(text) }),
    [text],
  );

  // Problems with the settings, per field (shown next to the control) and as a list (by Start).
  const problems = useMemo(() => {
    const byField = new Map<string, string[]>();
    for (const issue of [...checkControls(config), ...validateConfig(config)]) {
      const list = byField.get(issue.field) ?? [];
      if (!list.includes(issue.message)) list.push(issue.message);
      byField.set(issue.field, list);
    }
    return byField;
  }, [config]);
  const textProblem = text === null ? null : checkTrainingText(text, config.model.blockSize);
  const blockers: string[] = [];
  if (text === null) {
    blockers.push(
      useCurated
        ? 'The data stage has no prepared data yet: finish curation and tokenization above.'
        : corpusText?.status === 'failed'
          ? corpusText.message
          : 'Waiting for the text to load…',
    );
  }
  if (textProblem !== null) blockers.push(textProblem);
  for (const [field, messages] of problems) blockers.push(`${labelOf(field)}: ${messages[0]}`);

  const settingsKey = `${corpusKey}|${JSON.stringify(config)}`;
  const activeRun = state.runs.find((run) => run.runId === state.activeRunId);
  const displayRun = activeRun ?? state.runs[state.runs.length - 1];
  const sameSettings = state.activeSettingsKey === settingsKey;
  const preset = matchingPreset(config);
  const vocabKnown =
    activeRun?.summary != null && state.activeSettingsKey?.startsWith(`${corpusKey}|`) === true;
  const vocabSize = vocabKnown
    ? (activeRun?.summary?.vocabSize ?? 0)
    : curated
      ? curated.summary.vocabSize
      : (textStats?.distinct ?? 0) + SPECIAL_TOKENS.length;

  const draft = (): RunDraft | null =>
    text === null || blockers.length > 0
      ? null
      : {
          config,
          text,
          settingsKey,
          corpusName,
          sizeName: preset === null ? 'Custom' : presetById(preset).name,
          ...(curated ? { prepared: curated.data } : {}),
        };

  const onToggleRun = useCallback((runId: string) => store.toggleRunVisible(runId), [store]);
  const onCustomTextChange = useCallback(
    (value: string) => setCustom((old) => ({ text: value, version: old.version + 1 })),
    [],
  );
  // The chart is the costliest part to redraw (recharts re-lays out every line): it follows
  // the runs at most every PLOT_INTERVAL_MS, in a background (interruptible) render after the
  // urgent update (stats, legend, buttons), which therefore stays cheap.
  const chartRuns = useDeferredValue(useThrottledValue(state.runs, PLOT_INTERVAL_MS));
  const onBackendChange = useCallback((choice: BackendChoice) => store.setBackend(choice), [store]);

  useEffect(() => {
    document.title =
      activeRun?.status === 'training'
        ? `Training ${activeRun.label} · Pre-training Playground`
        : 'Pre-training Playground';
  }, [activeRun?.status, activeRun?.label]);

  const modelOnShow = activeRun?.config.model ?? config.model;
  const evaluationRuns = useMemo<EvaluationRun[]>(
    () =>
      chartRuns.map((run) => ({
        runId: run.runId,
        label: run.label,
        objective: run.objective,
        color: runColour(run),
        visible: run.visible,
        evals: run.evals,
        samples: run.samples,
      })),
    [chartRuns],
  );
  const newRunId = useCallback(
    () => `run-x-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    [],
  );

  return (
    <div className="app">
      <Header
        state={state}
        largeText={largeText}
        onLargeTextChange={setLargeText}
        onBackendChange={onBackendChange}
      />
      {state.fatal !== null ? (
        <FatalBanner message={state.fatal} onRestart={() => store.restartWorker()} />
      ) : null}
      <DataStage
        onPrepared={setPrepared}
        blockSize={config.model.blockSize}
        initialCorpusId={DATA_STAGE_CORPUS_ID}
      />
      <div className="layout">
        <aside className="sidebar" aria-label="Settings">
          <label className="curated-toggle">
            <input
              type="checkbox"
              checked={useCurated}
              onChange={(event) => setUseCurated(event.target.checked)}
            />
            Train on the data stage&apos;s curated text and tokenizer
            {prepared ? (
              <span className="curated-toggle-note">
                {' '}
                ({prepared.summary.corpusName}, {prepared.summary.tokenizer}, vocabulary{' '}
                {prepared.summary.vocabSize})
              </span>
            ) : null}
          </label>
          <CorpusPicker
            index={index}
            selectedId={corpusId}
            onSelect={setCorpusId}
            customText={custom.text}
            onCustomTextChange={onCustomTextChange}
            text={corpusId === CUSTOM_CORPUS_ID ? null : corpusText}
            problem={textProblem}
            textStats={textStats}
            disabled={useCurated}
          />
          <ModelSettings
            config={config}
            onChange={setConfig}
            vocabSize={vocabSize}
            vocabKnown={vocabKnown}
            problems={problems}
            disabled={false}
          />
        </aside>
        <main className="main">
          <section className="panel run-panel" aria-label="Training">
            <RunControls
              state={state}
              activeRun={activeRun}
              blockers={blockers}
              sameSettings={sameSettings}
              onStart={() => {
                const next = draft();
                if (next !== null) store.start(next);
              }}
              onPause={() => store.pause()}
              onResume={() => store.resume()}
              onStep={() => {
                const next = draft();
                if (next !== null) store.stepOnce(next);
              }}
              onReset={() => store.reset()}
              onDismiss={() => store.dismissMessages()}
            />
            <StatsPanel run={displayRun} matmulGflops={state.backend?.matmul?.gflops ?? null} />
          </section>
          <LossChart runs={state.runs} plotRuns={chartRuns} onToggleRun={onToggleRun} />
          <PredictionsArea
            client={store.client}
            runId={activeRun?.runId ?? null}
            runLabel={activeRun?.label ?? ''}
            objective={activeRun?.objective ?? config.training.objective}
            nLayer={modelOnShow.nLayer}
            nHead={modelOnShow.nHead}
            blockSize={modelOnShow.blockSize}
            text={text ?? ''}
          />
          <EvaluationPanel
            runs={evaluationRuns}
            client={store.client}
            currentRunId={state.activeRunId}
          />
          <CheckpointsPanel
            client={store.client}
            currentRunId={state.activeRunId}
            canSave={activeRun !== undefined && activeRun.step > 0 && state.pending === null}
            saveBlockedReason="Train a model first (Start above): there is nothing to save yet."
            suggestedName={
              activeRun === undefined
                ? undefined
                : `${activeRun.label}: ${activeRun.sizeName} on ${activeRun.corpusName}, step ${activeRun.step}`
            }
            getExtra={() =>
              activeRun === undefined
                ? null
                : {
                    label: activeRun.label,
                    corpusName: activeRun.corpusName,
                    sizeName: activeRun.sizeName,
                    config: activeRun.config,
                    steps: activeRun.steps,
                    evals: activeRun.evals,
                  }
            }
            onResumed={(event) => store.adoptRun(event.runId, ...resumedRun(event, config))}
            newRunId={newRunId}
            onChanged={() => setCheckpointsVersion((v) => v + 1)}
          />
          <AdaptStage
            client={store.client}
            newRunId={newRunId}
            checkpointsVersion={checkpointsVersion}
            onRunCreated={(event) =>
              store.adoptRun(event.runId, {
                config: { ...config, training: { ...config.training, objective: event.objective } },
                corpusName: `task (fine-tuning ${event.baseName})`,
                sizeName: 'Fine-tuned',
                label: `${event.label}`,
              })
            }
          />
        </main>
      </div>
      <footer className="app-footer">
        Everything runs in this browser tab: no server, no account, and no text leaves your machine.
      </footer>
    </div>
  );
}
