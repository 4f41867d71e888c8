/**
 * The store's set-up commands: the current set-up, applying one (a link, a file, a lesson, a
 * class's best run), and the set-up as a link or a set-up file with the learner's own text.
 */
import type { BackendChoice } from '../config/backends';
import { OWN_DATA_ID, type PipelineStore } from './pipeline';
import { readSetupFile, setupFileOf } from './setup/file';
import type { Setup } from './setup/setup';
import { setupToQuery } from './setup/url';
import type { PlaygroundState } from './state';

/** What the commands need of the store. */
export interface SetupHost {
  state: () => PlaygroundState;
  pipeline: PipelineStore;
  update: (patch: Partial<PlaygroundState>) => void;
  setBackend: (choice: BackendChoice) => void;
}

/** Reads and applies set-ups. */
export class SetupCommands {
  constructor(private readonly host: SetupHost) {}

  /** Every setting the learner can change, as one set-up. */
  current(): Setup {
    const { backendChoice, config, step, prompt, fill } = this.host.state();
    const { selected, curation, tokenizer } = this.host.pipeline.getSnapshot();
    return {
      backend: backendChoice,
      corpus: selected,
      curation,
      tokenizer,
      config,
      step,
      prompt,
      fill,
    };
  }

  /**
   * Applies a set-up: the data steps rebuild what changed, and the next Start builds a new run
   * from it. `notices` are said in the set-up banner (e.g. values a file had wrong).
   */
  apply(setup: Setup, notices: readonly string[] = []): void {
    const { pipeline } = this.host;
    pipeline.select(setup.corpus);
    pipeline.setCuration(setup.curation);
    pipeline.setTokenizer(setup.tokenizer);
    const { config, step, prompt, fill } = setup;
    this.host.update({ config, step, prompt, fill, setupNotices: notices });
    if (setup.backend !== this.host.state().backendChoice) this.host.setBackend(setup.backend);
  }

  /** The current set-up as a link to `pageUrl` (the page's address without its query). */
  link(pageUrl: string): string {
    const query = setupToQuery(this.current()).toString();
    return query === '' ? pageUrl : `${pageUrl}?${query}`;
  }

  /** True if the set-up trains on the learner's own text, which a link cannot carry. */
  usesOwnText(): boolean {
    return this.host.pipeline.getSnapshot().selected === OWN_DATA_ID;
  }

  /** The set-up file of the current set-up (with the learner's text if it trains on it). */
  async file(now = new Date()): Promise<{ json: string; fileName: string }> {
    const setup = this.current();
    const own = setup.corpus === OWN_DATA_ID ? await this.host.pipeline.ownTexts() : null;
    const day = now.toISOString().slice(0, 10);
    return { json: setupFileOf(setup, own, now), fileName: `setup-${setup.corpus}-${day}.json` };
  }

  /** Opens a set-up file: applies it, or says in the set-up banner why it cannot. */
  async open(text: string, fileName: string): Promise<boolean> {
    const reading = readSetupFile(text, fileName);
    if (!reading.ok) {
      this.host.update({ setupNotices: [reading.message] });
      return false;
    }
    if (reading.own !== null) {
      await this.host.pipeline.loadOwnTexts(reading.own.name, reading.own.sources);
    }
    this.apply(reading.setup, [`Opened the set-up in ${fileName}.`, ...reading.notices]);
    return true;
  }
}
