/**
 * The README.md written into an exported folder: what each file is and the commands that
 * continue training with PyTorch, on one machine or several processes with torchrun.
 */
import type { ModelConfig, Objective } from '../config/config';

/** What the README describes. */
export interface ReadmeFacts {
  name: string;
  model: ModelConfig;
  objective: Objective;
  tokenizer: string;
  step: number;
  files: string[];
}

const FILE_NOTES: Record<string, string> = {
  'model.safetensors':
    'the weights, with Hugging Face GPT-2 names and layout (Conv1D weights are [in, out]), float32',
  'optimizer.safetensors': "AdamW's moments and step, so training continues exactly",
  'config.json': 'a GPT2Config for `transformers`',
  'tokenizer.json': 'the tokenizer in the Hugging Face `tokenizers` format (same ids)',
  'tokenizer_config.json': 'the special tokens [PAD], [MASK], [UNK] for `transformers`',
  'special_tokens_map.json': 'the special tokens, by role',
  'vocab.json': "GPT-2's vocabulary file (BPE)",
  'merges.txt': "GPT-2's merges file (BPE), in rank order",
  'playground-tokenizer.json': 'the Pre-training Playground tokenizer file (re-imported exactly)',
  'train.bin': 'training token ids as nanoGPT reads them (dtype in meta.json)',
  'val.bin': 'validation token ids',
  'meta.json': 'vocabulary, tokenizer kind, split, source corpus and curation rules',
  'playground.json': 'the run: objective, training settings, step, random streams, curves',
  'train.py': 'continue training with PyTorch (torch ≥ 1.13 and numpy; nothing else)',
  'README.md': 'this file',
  'playground-checksums.json':
    'the CRC-32 of every other file as exported, so an import can tell a damaged file (train.py removes it when it writes new weights; delete it after changing a file by hand)',
};

/** The README text. */
export function folderReadme(facts: ReadmeFacts): string {
  const { model, objective } = facts;
  const masked = objective === 'masked';
  const lines = [
    `# ${facts.name}`,
    '',
    `A ${masked ? 'masked (BERT-style, fill-in)' : 'causal (GPT-style, next-token)'} language model exported from the Pre-training Playground at step ${facts.step}: ${model.nLayer} layers, ${model.nHead} heads, width ${model.nEmbd}, context ${model.blockSize}, ${model.vocabSize} tokens (${facts.tokenizer} tokenizer).`,
    '',
    '## Files',
    '',
    ...facts.files.map((f) => `- \`${f}\`: ${FILE_NOTES[f] ?? ''}`),
    '',
    '## Continue training',
    '',
    '```sh',
    'pip install torch numpy            # torch >= 1.13',
    'python train.py --max_iters 3000   # continues in place up to iteration 3000',
    'torchrun --nproc_per_node=2 train.py --max_iters 3000   # data-parallel (DDP): gloo on CPU, NCCL on GPUs',
    '```',
    '',
    "Flags follow nanoGPT's: `--max_iters` (the iteration to reach), `--batch_size`, `--learning_rate`, `--min_lr`, `--warmup_iters`, `--lr_decay_iters`, `--eval_interval`, `--eval_iters`, `--out_dir` (default: this folder, continuing in place), `--device`, `--dtype`. On CUDA GPUs that support it, training runs under bfloat16 autocast. `python train.py --eval_only` prints the validation loss on fixed batches; `--predict_ids 5,6,7` prints the log-probabilities of the next token. The script writes `model.safetensors`, `optimizer.safetensors`, `playground.json` and `log.json` back; the playground imports the folder again (Adapt step → Import).",
    '',
    '## Load it with Hugging Face transformers',
    '',
    '```python',
    'from transformers import GPT2LMHeadModel, PreTrainedTokenizerFast',
    "model = GPT2LMHeadModel.from_pretrained('.')",
    "tokenizer = PreTrainedTokenizerFast.from_pretrained('.')",
    '```',
    '',
  ];
  if (masked) {
    lines.push(
      '## A masked model in GPT-2 clothes',
      '',
      'The weights use GPT-2\'s names and layout, and `config.json` says `"is_causal": false` with `mask_token_id` 1: attention sees the whole sequence and the model predicts the tokens at `[MASK]` positions. `GPT2LMHeadModel` always applies a causal mask, so load it for the weights and run attention without the mask (as `train.py` does). It is not a `BertForMaskedLM`: BERT normalises after each residual branch (post-LayerNorm) and has token-type embeddings and a prediction-head transform; this model normalises before each branch (pre-LayerNorm, as GPT-2) and ties its head to the token embedding.',
      '',
    );
  }
  return lines.join('\n');
}
