/**
 * The Scale step's state and commands: plan a sweep on the prepared tokens, run it as a queue in
 * the training worker (pause, resume, cancel; finished runs kept), fit the laws as runs finish,
 * predict a bigger run and check it, and the data-mixture experiment on two built-in corpora.
 * The latest sweep is kept in IndexedDB and can be exported and re-opened as a file.
 */
import type { Bridge } from '../bridge/bridge';
import type { PlannedRun, SweepSpec } from '../scaling/plan';
import { checkSweepSpec, DEFAULT_SWEEP, planSweep } from '../scaling/plan';
import type { MixtureSpec } from '../scaling/mixture';
import { DEFAULT_MIXTURE, planMixture } from '../scaling/mixture';
import type { CheckPlan } from '../scaling/check';
import { planCheck } from '../scaling/check';
import type { ReportRun, SweepReport } from '../scaling/report';
import { buildSweepReport, mixturePoints, readSweepReport } from '../scaling/report';
import type { QueueProgress, SweepRunResult } from '../scaling/types';
import { VAL_FRACTION } from '../data/curate';
import { errorMessage } from '../shared/errors';
import { loadLatestSweep, saveLatestSweep } from '../storage/scaling';
import { corpusFileName } from '../ui/data/corpora';
import type { PipelineStore } from './pipeline';

/** Which queue is running. */
export type LabJob = 'sweep' | 'check' | 'mixture';

/** The lab as the Scale step shows it. */
export interface ScalingState {
  spec: SweepSpec;
  /** Bigger budget of the check run, as a multiple of the largest compute swept. */
  checkMultiple: number;
  mixture: MixtureSpec & { a: string; b: string };
  /** `preparing`: fetching tokens; `running`/`paused`: a queue in the worker. */
  status: 'idle' | 'preparing' | 'running' | 'paused';
  job: LabJob | null;
  progress: QueueProgress | null;
  /** The sweep's runs, fits, check run and mixture (null: none yet). */
  report: SweepReport | null;
  /** An error or a notice, in words. */
  message: string | null;
}

/** What the lab needs of the store. */
export interface LabHost {
  /** Pauses the page's own run (the worker would refuse to share the backend). */
  pauseRun(): void;
}

/** The Scale step's store. */
export class ScalingLab {
  private state: ScalingState = {
    spec: DEFAULT_SWEEP,
    checkMultiple: 4,
    mixture: { ...DEFAULT_MIXTURE, a: 'moby-dick', b: 'sotu' },
    status: 'idle',
    job: null,
    progress: null,
    report: null,
    message: null,
  };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly bridge: Bridge,
    private readonly pipeline: PipelineStore,
    private readonly baseUrl: string,
    private readonly host: LabHost,
  ) {}

  readonly getSnapshot = (): ScalingState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private patch(change: Partial<ScalingState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Shows the sweep kept from an earlier visit, if any. */
  async restore(): Promise<void> {
    const json = await loadLatestSweep();
    if (json === null || this.state.report !== null) return;
    const read = readSweepReport(json);
    if ('report' in read) this.patch({ report: read.report, spec: read.report.spec });
  }

  setSpec(spec: SweepSpec): void {
    this.patch({ spec });
  }

  setCheckMultiple(checkMultiple: number): void {
    this.patch({ checkMultiple });
  }

  setMixture(mixture: ScalingState['mixture']): void {
    this.patch({ mixture });
  }

  dismissMessage(): void {
    this.patch({ message: null });
  }

  /** The check run the current fits would plan (null without a fit). */
  checkPlan(): CheckPlan | null {
    const { report, checkMultiple } = this.state;
    return report === null ? null : planCheck(report, checkMultiple);
  }

  /** The runs a sweep of `spec` would train on the prepared tokens (empty before they are). */
  plannedRuns(spec: SweepSpec = this.state.spec): PlannedRun[] {
    const tokens = this.pipeline.getSnapshot().tokens.latest;
    return tokens === null || checkSweepSpec(spec) !== null
      ? []
      : planSweep(spec, tokens.vocabSize);
  }

  /** Runs the sweep on the prepared tokens; a new sweep replaces the kept one. */
  async startSweep(): Promise<void> {
    const { spec } = this.state;
    const problem = checkSweepSpec(spec);
    if (problem) return this.patch({ message: problem });
    const snapshot = this.pipeline.getSnapshot();
    const tokens = snapshot.tokens.latest;
    if (snapshot.preparedKey === null || tokens === null || snapshot.dataset === null) {
      return this.patch({
        message: 'The data are not ready yet: wait for the Tokenize step to finish.',
      });
    }
    const runs = planSweep(spec, tokens.vocabSize);
    const about = {
      corpus: snapshot.dataset.name,
      tokenizer: tokens.kind,
      vocabSize: tokens.vocabSize,
      spec,
    };
    await this.runJob('sweep', async () => {
      const data = await this.bridge.tokens(snapshot.preparedKey ?? '');
      this.persist(buildSweepReport(about, []));
      return {
        jobs: runs.map((run) => ({ run, stream: 0 })),
        streams: [data.train],
        evalSets: { val: data.val },
        vocabSize: tokens.vocabSize,
      };
    });
  }

  /** Trains the check run the fit predicts. */
  async startCheck(): Promise<void> {
    const plan = this.checkPlan();
    const report = this.state.report;
    const snapshot = this.pipeline.getSnapshot();
    if (plan === null || report === null) {
      return this.patch({ message: 'Run a sweep first: the prediction needs a fit.' });
    }
    if (snapshot.preparedKey === null || snapshot.tokens.latest?.vocabSize !== report.vocabSize) {
      return this.patch({
        message: `The check run trains on the sweep's data (${report.corpus}, ${report.tokenizer} tokenizer): open that corpus and tokenizer again first.`,
      });
    }
    this.persist({
      ...report,
      runs: report.runs.filter((r) => r.kind !== 'check'),
    });
    await this.runJob(
      'check',
      async () => {
        const data = await this.bridge.tokens(snapshot.preparedKey ?? '');
        return {
          jobs: [{ run: plan.run, stream: 0 }],
          streams: [data.train],
          evalSets: { val: data.val },
          vocabSize: report.vocabSize,
        };
      },
      plan,
    );
  }

  /** Trains the same model on five mixtures of two built-in corpora. */
  async startMixture(): Promise<void> {
    const { mixture, spec } = this.state;
    const snapshot = this.pipeline.getSnapshot();
    const list = snapshot.list.status === 'loaded' ? snapshot.list.corpora : [];
    const a = list.find((c) => c.id === mixture.a);
    const b = list.find((c) => c.id === mixture.b);
    if (!a || !b) return this.patch({ message: 'Choose two built-in corpora for the mixture.' });
    if (a.id === b.id) return this.patch({ message: 'Choose two different corpora.' });
    const origin = (corpus: typeof a) =>
      ({
        kind: 'url',
        url: new URL(`${this.baseUrl}${corpus.url}`, location.href).href,
        fileName: corpusFileName(corpus),
      }) as const;
    let mixtureReport: NonNullable<SweepReport['mixture']> | null = null;
    await this.runJob('mixture', async () => {
      const data = await this.bridge.mixtureTokens({
        a: origin(a),
        b: origin(b),
        options: snapshot.curation,
        valFraction: VAL_FRACTION,
        kind: snapshot.tokenizer.kind,
        vocabSize: snapshot.tokenizer.vocabSize,
      });
      const jobs = planMixture(mixture, spec, data.vocabSize, data.a, data.b);
      const first = jobs[0]?.run;
      mixtureReport = {
        a: a.name,
        b: b.name,
        width: mixture.width,
        params: first?.params ?? 0,
        tokens: first?.tokens ?? 0,
        points: [],
      };
      const base =
        this.state.report ??
        buildSweepReport(
          { corpus: a.name, tokenizer: data.tokenizer.kind, vocabSize: data.vocabSize, spec },
          [],
        );
      this.persist({ ...base, mixture: mixtureReport });
      return {
        jobs: jobs.map((job, stream) => ({ run: job.run, stream })),
        streams: jobs.map((job) => job.train),
        evalSets: { a: data.a.val, b: data.b.val },
        vocabSize: data.vocabSize,
      };
    });
  }

  /** Runs one queue, folding each finished run into the report. */
  private async runJob(
    job: LabJob,
    prepare: () => Promise<Parameters<Bridge['runQueue']>[0]>,
    check?: CheckPlan,
  ): Promise<void> {
    if (this.state.status !== 'idle') return;
    this.host.pauseRun();
    this.patch({ status: 'preparing', job, progress: null, message: null });
    const mixtureResults: SweepRunResult[] = [];
    try {
      const request = await prepare();
      this.patch({ status: 'running' });
      const outcome = await this.bridge.runQueue(
        request,
        (progress) =>
          this.patch({
            progress,
            status: progress.paused ? 'paused' : this.state.status === 'idle' ? 'idle' : 'running',
          }),
        (result) => {
          const report = this.state.report;
          if (report === null) return;
          if (job === 'mixture') {
            mixtureResults.push(result);
            const mixture = report.mixture && {
              ...report.mixture,
              points: mixturePoints(mixtureResults),
            };
            this.persist({ ...report, mixture });
            return;
          }
          const run: ReportRun =
            job === 'check' && check
              ? { ...result, kind: 'check', predicted: check.predicted }
              : { ...result, kind: 'sweep' };
          const runs = [...report.runs, run];
          this.persist(
            job === 'check'
              ? { ...report, runs }
              : buildSweepReport(
                  {
                    corpus: report.corpus,
                    tokenizer: report.tokenizer,
                    vocabSize: report.vocabSize,
                    spec: report.spec,
                  },
                  runs,
                  report.mixture,
                ),
          );
        },
      );
      if (outcome === 'cancelled')
        this.patch({ message: 'Cancelled: the runs that had finished are kept.' });
    } catch (error) {
      this.patch({ message: errorMessage(error) });
    } finally {
      this.patch({ status: 'idle', job: null, progress: null });
    }
  }

  pause(): void {
    this.bridge.controlQueue('pause');
    this.patch({ status: 'paused' });
  }

  resume(): void {
    this.bridge.controlQueue('resume');
    this.patch({ status: 'running' });
  }

  cancel(): void {
    this.bridge.controlQueue('cancel');
  }

  /** The report as a file's text (the CLI's JSON). */
  exportText(): string | null {
    return this.state.report === null ? null : JSON.stringify(this.state.report, null, 1);
  }

  /** Opens a sweep file; refused files leave the current sweep as it is. */
  open(text: string, fileName: string): void {
    const read = readSweepReport(text);
    if ('error' in read) return this.patch({ message: `${fileName}: ${read.error}` });
    this.persist(read.report);
    this.patch({ spec: read.report.spec, message: `Opened ${fileName}.` });
  }

  /** Shows `report` and keeps it for the next visit. */
  private persist(report: SweepReport): void {
    this.patch({ report });
    void saveLatestSweep(JSON.stringify(report)).then((problem) => {
      if (problem) this.patch({ message: problem });
    });
  }
}
