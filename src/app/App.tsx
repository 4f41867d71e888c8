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
import { matchingPreset, presetById, presetConfig } from '../config/presets';
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
import { countDistinctCodePoints } from '../ui/textStats';
import type { PlaygroundStore, RunDraft } from './store';

/** Minimum time between two redraws of the loss chart (the stats update every 200 ms). */
const PLOT_INTERVAL_MS = 400;

/** The corpus chosen first (small and quickly learnt). */
const DEFAULT_CORPUS_ID = 'pattern';

const CONTROL_FIELDS = new Set<string>(CONTROLS.map((c) => c.field));

function labelOf(field: string): string {
  return CONTROL_FIELDS.has(field) ? controlFor(field as NumericField).label : field;
}

/** The playground. */
export function App({ store }: { store: PlaygroundStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [config, setConfig] = useState<RunConfig>(() => presetConfig('tiny'));
  const [corpusId, setCorpusId] = useState(DEFAULT_CORPUS_ID);
  const [custom, setCustom] = useState({ text: '', version: 0 });
  const [largeText, setLargeText] = useLargeText();

  const index = useCorpusIndex();
  const entries = index.status === 'loaded' ? index.value : [];
  const entry = entries.find((e) => e.id === corpusId) ?? null;
  const corpusText = useCorpusText(entry);
  const text =
    corpusId === CUSTOM_CORPUS_ID
      ? custom.text
      : corpusText?.status === 'loaded'
        ? corpusText.value
        : null;
  const corpusName = corpusId === CUSTOM_CORPUS_ID ? 'Your text' : (entry?.name ?? corpusId);
  const corpusKey =
    corpusId === CUSTOM_CORPUS_ID ? `${CUSTOM_CORPUS_ID}#${custom.version}` : corpusId;

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
      corpusText?.status === 'failed' ? corpusText.message : 'Waiting for the text to load…',
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
      <div className="layout">
        <aside className="sidebar" aria-label="Settings">
          <CorpusPicker
            index={index}
            selectedId={corpusId}
            onSelect={setCorpusId}
            customText={custom.text}
            onCustomTextChange={onCustomTextChange}
            text={corpusId === CUSTOM_CORPUS_ID ? null : corpusText}
            problem={textProblem}
            textStats={textStats}
            disabled={false}
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
            <StatsPanel run={displayRun} />
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
        </main>
      </div>
      <footer className="app-footer">
        Everything runs in this browser tab: no server, no account, and no text leaves your machine.
      </footer>
    </div>
  );
}
