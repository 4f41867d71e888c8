/**
 * The lessons: one per claim of the primer, each a set-up, two to four steps with one-click
 * actions, what to notice, and a check of the runs. Each is a link too: `?lesson=ID`.
 * Their minutes are measured on WebAssembly without a GPU (see the README).
 */
import { presetConfig } from '../../config/presets';
import { withRules } from '../../data/curate';
import { CURATION_RULES } from '../../data/curate';
import type { RunConfig } from '../../config/config';
import type { Setup } from '../setup/setup';
import {
  checkCuration,
  checkObjectives,
  checkOverfitting,
  checkPretraining,
  checkSizes,
  checkTokenizers,
} from './checks';
import type { Lesson } from './types';

/** A preset's settings with some training settings changed. */
function recipe(
  preset: 'tiny' | 'small' | 'medium',
  training: Partial<RunConfig['training']>,
  model: Partial<RunConfig['model']> = {},
): RunConfig {
  const config = presetConfig(preset);
  return {
    model: { ...config.model, ...model },
    training: { ...config.training, ...training },
  };
}

/** A setting of the training changed, for a step's action. */
function training(setup: Setup, changes: Partial<RunConfig['training']>): Setup {
  return {
    ...setup,
    config: { ...setup.config, training: { ...setup.config.training, ...changes } },
  };
}

/** Every curation rule off: the text as it was collected. */
const RAW = withRules(
  Object.fromEntries(CURATION_RULES.map((rule) => [rule.name, { enabled: false }])),
);

export const LESSONS: readonly Lesson[] = [
  {
    id: 'causal-vs-masked',
    title: 'Next token or fill in the blank?',
    claim: 'The objective decides what a model learns from the same text.',
    goal: 'Train a GPT-style (causal) and a BERT-style (masked) model on the same book and compare their curves.',
    setup: {
      corpus: 'moby-dick',
      config: recipe('tiny', { maxIters: 400, evalInterval: 50 }),
      step: 'train',
    },
    steps: [
      {
        text: 'Train a causal model: at every position it predicts the next character from the ones before it.',
        action: { kind: 'start' },
        actionLabel: 'Start the causal run',
      },
      {
        text: 'When it is done, train a masked model on the same text: it hides 15% of the characters and fills them in from both sides.',
        action: {
          kind: 'change',
          change: (setup) => training(setup, { objective: 'masked' }),
          start: true,
        },
        actionLabel: 'Switch to masked and Start',
      },
      {
        text: 'Compare the two curves on the loss chart, and the predictions: next-token bars for one, filled-in blanks for the other.',
      },
    ],
    notice:
      'The masked curve stays above the causal one: a masked model is graded on 15% of the positions only, so each step teaches it less. It fills blanks well because it sees both sides; it cannot continue a text, which the causal model can.',
    minutes: 1,
    check: checkObjectives,
  },
  {
    id: 'messy-data',
    title: 'Messy data, copied data',
    claim: 'Curation and deduplication change what the model learns and what it copies.',
    goal: 'Train on raw e-mail (headers, HTML, duplicates) and on the same mail curated, and compare what each model writes.',
    setup: {
      corpus: 'spam',
      curation: RAW,
      config: recipe('tiny', { maxIters: 400, evalInterval: 100 }),
      step: 'curate',
    },
    steps: [
      {
        text: 'Every curation rule is off: look at the raw mail on Curate, then train on it.',
        action: { kind: 'start' },
        actionLabel: 'Train on the raw mail',
      },
      {
        text: 'Switch the default rules back on (cleaning, quality filters, deduplication) and train again on what is kept.',
        action: {
          kind: 'change',
          change: (setup) => ({ ...setup, curation: withRules({}) }),
          start: true,
        },
        actionLabel: 'Curate and train again',
      },
      {
        text: 'On Evaluate, read the two runs’ samples side by side; highlighted spans are copied word for word from the training data.',
        action: { kind: 'open', step: 'evaluate' },
        actionLabel: 'Open Evaluate',
      },
    ],
    notice:
      'More than a third of the raw mail is headers, HTML, encodings and addresses, so that is what the raw model learns to write first: its samples are full of digits and markup symbols (= < > @ :), where the curated model’s are letters and words. A model learns the data it is given, junk included; and what it sees many times (duplicated messages, boilerplate) is what it copies first once it is large enough to memorise.',
    minutes: 1,
    check: checkCuration,
  },
  {
    id: 'tokenization',
    title: 'Characters or tokens?',
    claim: 'Tokenization changes the sequence length, and the loss per token is not comparable.',
    goal: 'Train on the same book with characters and with BPE tokens, and compare the loss per character.',
    setup: {
      corpus: 'moby-dick',
      tokenizer: { kind: 'char', vocabSize: 512 },
      config: recipe('tiny', { maxIters: 400, evalInterval: 50 }),
      step: 'tokenize',
    },
    steps: [
      {
        text: 'Look at Tokenize: with characters, every letter is a token. Train on it.',
        action: { kind: 'start' },
        actionLabel: 'Train on characters',
      },
      {
        text: 'Switch to BPE with 512 tokens: common pieces of words become single tokens, so the same text is about half as many tokens. Train again.',
        action: {
          kind: 'change',
          change: (setup) => ({ ...setup, tokenizer: { kind: 'bpe', vocabSize: 512 } }),
          start: true,
        },
        actionLabel: 'Switch to BPE and Start',
      },
      {
        text: 'On Evaluate, compare the validation loss per token and the bits per character of the two runs.',
        action: { kind: 'open', step: 'evaluate' },
        actionLabel: 'Open Evaluate',
      },
    ],
    notice:
      'The BPE run’s loss per token is higher (each token is several characters to guess) but its bits per character are lower: with the same context length and steps it saw more text. Only bits per character compares tokenizers fairly.',
    minutes: 1,
    check: checkTokenizers,
  },
  {
    id: 'pretrain-finetune',
    title: 'Pre-train once, adapt with little data',
    claim: 'A pre-trained base needs far less task data than training from scratch.',
    goal: 'Pre-train a small model on a book, then fine-tune it on a narrow task and compare with a model trained on the task alone.',
    setup: {
      corpus: 'moby-dick',
      config: recipe('tiny', { maxIters: 400, evalInterval: 100 }),
      step: 'train',
    },
    steps: [
      {
        text: 'Pre-train the base model on Moby-Dick.',
        action: { kind: 'start' },
        actionLabel: 'Pre-train',
      },
      {
        text: 'On Adapt, save the trained model as a checkpoint: it becomes the base.',
        action: { kind: 'open', step: 'adapt' },
        actionLabel: 'Open Adapt',
      },
      {
        text: 'Pick a task and press “Compare with training from scratch”: each share of the task data trains a fine-tuned and a from-scratch model.',
      },
    ],
    notice:
      'At every share of the task data the fine-tuned model ends lower than the one trained from scratch, and the gap is widest with the least data: the base already knows the language, so the task only has to teach the task.',
    minutes: 2,
    check: checkPretraining,
  },
  {
    id: 'scaling',
    title: 'Bigger models learn more from the same data',
    claim: 'Loss falls predictably as models and compute grow.',
    goal: 'Train two model sizes on the same text for the same number of tokens and compare their curves against tokens seen.',
    setup: {
      corpus: 'moby-dick',
      config: recipe('tiny', { maxIters: 300, evalInterval: 50 }, { blockSize: 64 }),
      step: 'train',
    },
    steps: [
      {
        text: 'Train the Tiny model (2 layers, 32 wide).',
        action: { kind: 'start' },
        actionLabel: 'Train Tiny',
      },
      {
        text: 'Train the Small model (4 layers, 64 wide: about 7 times the parameters) on the same text, with the same steps, batch and context.',
        action: {
          kind: 'change',
          change: (setup) => ({
            ...setup,
            config: recipe('small', { maxIters: 300, evalInterval: 50 }),
          }),
          start: true,
        },
        actionLabel: 'Switch to Small and Start',
      },
      {
        text: 'On the loss chart, choose “Tokens seen” and Log scale: each curve is loss against data; the gap between them is what size buys.',
      },
      {
        text: 'Then measure it over many sizes: the Scale step sweeps four or more sizes × token budgets, plots loss against compute on log-log axes and fits the law.',
        action: { kind: 'open', step: 'scale' },
        actionLabel: 'Open the scaling lab',
      },
    ],
    notice:
      'The larger model’s curve is below the smaller one’s for the same tokens: more parameters, more compute per token, lower loss. Scaling laws measure exactly this over many sizes (the Scale step).',
    minutes: 2,
    check: checkSizes,
  },
  {
    id: 'overfitting',
    title: 'Learning by heart: overfitting',
    claim: 'On too little data a model memorises instead of generalising.',
    goal: 'Train a model that is large for its data on two chapters only, and watch the training and validation curves part.',
    setup: {
      corpus: 'moby-opening',
      tokenizer: { kind: 'bpe', vocabSize: 512 },
      config: recipe('small', {
        maxIters: 500,
        evalInterval: 25,
        warmupIters: 20,
        learningRate: 3e-3,
        minLr: 1e-3,
      }),
      step: 'train',
    },
    steps: [
      {
        text: 'Train on the two chapters (about 20 kB, some 7,000 word-piece tokens): in 500 steps the model reads every sentence about 70 times.',
        action: { kind: 'start' },
        actionLabel: 'Start',
      },
      {
        text: 'Watch both curves: the training loss (solid) keeps falling; the validation loss (dashed), on paragraphs it never trains on, falls less and less.',
      },
      {
        text: 'Train longer (Steps 3,000 on Model, then Start) to see the validation loss level off and turn up. On Evaluate, the overfitting warning then says at which step, the one early stopping would keep.',
        action: { kind: 'open', step: 'evaluate' },
        actionLabel: 'Open Evaluate',
      },
    ],
    notice:
      'The curves part: the model gets better at the text it has seen than at new text, and the gap grows with every pass. That gap is what it learnt by heart. More data, a smaller model, dropout or stopping early are the cures.',
    minutes: 2,
    check: checkOverfitting,
  },
];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
