#!/usr/bin/env python3
"""
The bench's reference trainer: nanoGPT's small CPU recipe (the page's "Medium" preset) in
PyTorch, trained for a fixed wall-clock budget. Prints one line of JSON on stdout with the
measured throughput; on any error, a one-line message on stderr and exit code 2.

The model, optimizer, schedule, batching and evaluation follow karpathy/nanoGPT (model.py,
train.py, config/train_shakespeare_char.py with its CPU overrides) so that the figure is the
speed of the real thing, not of a simplified rewrite.

    /usr/bin/python3 scripts/bench/reference.py --seconds 30 [--threads N] [--text PATH]
        [--max-iters N] [--eval-interval N --eval-iters N] [--log-interval N]
"""
import argparse
import json
import math
import os
import sys
import time

TORCH_MISSING = (
    "PyTorch is not installed: apt-get install -y python3-torch python3-numpy libopenblas0-pthread"
)

# PyTorch's own threads (torch.set_num_threads) parallelise every op; OpenBLAS's pool of as many
# threads again would fight them for the cores. Measured on 2 cores: 4,249 tokens/s with both
# pools, 10,488 with OpenBLAS on one thread. Set before torch loads OpenBLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def fail(message):
    """Prints a one-line error on stderr and exits with code 2."""
    print(" ".join(str(message).split()), file=sys.stderr)
    sys.exit(2)


try:
    import numpy as np
    import torch
    import torch.nn as nn
    from torch.nn import functional as F
except ImportError:
    fail(TORCH_MISSING)

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_TEXT = os.path.join(REPO_ROOT, "public", "corpora", "moby-dick.txt")

# nanoGPT's shakespeare_char recipe with the CPU ("macbook") overrides.
N_LAYER = 4
N_HEAD = 4
N_EMBD = 128
BLOCK_SIZE = 64
BATCH_SIZE = 12
DROPOUT = 0.0
BIAS = False
LEARNING_RATE = 1e-3
MIN_LR = 1e-4
WARMUP_ITERS = 50
LR_DECAY_ITERS = 2000
WEIGHT_DECAY = 1e-1
BETA1 = 0.9
BETA2 = 0.99
GRAD_CLIP = 1.0
SEED = 1337
WARMUP_STEPS_UNTIMED = 10

# ----------------------------------------------------------------------------------------------
# The model: nanoGPT's model.py.


class LayerNorm(nn.Module):
    """LayerNorm but with an optional bias. PyTorch doesn't support simply bias=False"""

    def __init__(self, ndim, bias):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(ndim))
        self.bias = nn.Parameter(torch.zeros(ndim)) if bias else None

    def forward(self, input):
        return F.layer_norm(input, self.weight.shape, self.weight, self.bias, 1e-5)


class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        assert config.n_embd % config.n_head == 0
        # key, query, value projections for all heads, but in a batch
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)
        # output projection
        self.c_proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)
        # regularization
        self.attn_dropout = nn.Dropout(config.dropout)
        self.resid_dropout = nn.Dropout(config.dropout)
        self.n_head = config.n_head
        self.n_embd = config.n_embd
        self.dropout = config.dropout
        # flash attention make GPU go brrrrr but support is only in PyTorch >= 2.0
        self.flash = hasattr(torch.nn.functional, "scaled_dot_product_attention")
        if not self.flash:
            # causal mask to ensure that attention is only applied to the left in the input sequence
            self.register_buffer(
                "bias",
                torch.tril(torch.ones(config.block_size, config.block_size)).view(
                    1, 1, config.block_size, config.block_size
                ),
            )

    def forward(self, x):
        B, T, C = x.size()  # batch size, sequence length, embedding dimensionality (n_embd)

        # calculate query, key, values for all heads in batch and move head forward to be the batch dim
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)

        # causal self-attention; Self-attend: (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T)
        if self.flash:
            # efficient attention using Flash Attention CUDA kernels
            y = torch.nn.functional.scaled_dot_product_attention(
                q,
                k,
                v,
                attn_mask=None,
                dropout_p=self.dropout if self.training else 0,
                is_causal=True,
            )
        else:
            # manual implementation of attention
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
            att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf"))
            att = F.softmax(att, dim=-1)
            att = self.attn_dropout(att)
            y = att @ v  # (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # re-assemble all head outputs side by side

        # output projection
        y = self.resid_dropout(self.c_proj(y))
        return y


class MLP(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.c_fc = nn.Linear(config.n_embd, 4 * config.n_embd, bias=config.bias)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * config.n_embd, config.n_embd, bias=config.bias)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x):
        x = self.c_fc(x)
        x = self.gelu(x)
        x = self.c_proj(x)
        x = self.dropout(x)
        return x


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ln_1 = LayerNorm(config.n_embd, bias=config.bias)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = LayerNorm(config.n_embd, bias=config.bias)
        self.mlp = MLP(config)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x


class GPTConfig:
    def __init__(self, block_size, vocab_size, n_layer, n_head, n_embd, dropout, bias):
        self.block_size = block_size
        self.vocab_size = vocab_size
        self.n_layer = n_layer
        self.n_head = n_head
        self.n_embd = n_embd
        self.dropout = dropout
        self.bias = bias


class GPT(nn.Module):
    def __init__(self, config):
        super().__init__()
        assert config.vocab_size is not None
        assert config.block_size is not None
        self.config = config

        self.transformer = nn.ModuleDict(
            dict(
                wte=nn.Embedding(config.vocab_size, config.n_embd),
                wpe=nn.Embedding(config.block_size, config.n_embd),
                drop=nn.Dropout(config.dropout),
                h=nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
                ln_f=LayerNorm(config.n_embd, bias=config.bias),
            )
        )
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        # with weight tying when using torch.compile() some warnings get generated:
        # "UserWarning: functional_call was passed multiple values for tied weights.
        # This behavior is deprecated and will be an error in future versions"
        # not 100% sure what this is, so far seems to be harmless. TODO investigate
        self.transformer.wte.weight = self.lm_head.weight  # https://paperswithcode.com/method/weight-tying

        # init all weights
        self.apply(self._init_weights)
        # apply special scaled init to the residual projections, per GPT-2 paper
        for pn, p in self.named_parameters():
            if pn.endswith("c_proj.weight"):
                torch.nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * config.n_layer))

    def get_num_params(self, non_embedding=True):
        """
        Return the number of parameters in the model.
        For non-embedding count (default), the position embeddings get subtracted.
        The token embeddings would too, except due to the parameter sharing these
        params are actually used as weights in the final layer, so we include them.
        """
        n_params = sum(p.numel() for p in self.parameters())
        if non_embedding:
            n_params -= self.transformer.wpe.weight.numel()
        return n_params

    def _init_weights(self, module):
        if isinstance(module, nn.Linear):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                torch.nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def forward(self, idx, targets=None):
        device = idx.device
        b, t = idx.size()
        assert (
            t <= self.config.block_size
        ), f"Cannot forward sequence of length {t}, block size is only {self.config.block_size}"
        pos = torch.arange(0, t, dtype=torch.long, device=device)  # shape (t)

        # forward the GPT model itself
        tok_emb = self.transformer.wte(idx)  # token embeddings of shape (b, t, n_embd)
        pos_emb = self.transformer.wpe(pos)  # position embeddings of shape (t, n_embd)
        x = self.transformer.drop(tok_emb + pos_emb)
        for block in self.transformer.h:
            x = block(x)
        x = self.transformer.ln_f(x)

        if targets is not None:
            # if we are given some desired targets also calculate the loss
            logits = self.lm_head(x)
            loss = F.cross_entropy(
                logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1
            )
        else:
            # inference-time mini-optimization: only forward the lm_head on the very last position
            logits = self.lm_head(x[:, [-1], :])  # note: using list [-1] to preserve the time dim
            loss = None

        return logits, loss

    def configure_optimizers(self, weight_decay, learning_rate, betas, device_type):
        # start with all of the candidate parameters
        param_dict = {pn: p for pn, p in self.named_parameters()}
        # filter out those that do not require grad
        param_dict = {pn: p for pn, p in param_dict.items() if p.requires_grad}
        # create optim groups. Any parameters that is 2D will be weight decayed, otherwise no.
        # i.e. all weight tensors in matmuls + embeddings decay, all biases and layernorms don't.
        decay_params = [p for n, p in param_dict.items() if p.dim() >= 2]
        nodecay_params = [p for n, p in param_dict.items() if p.dim() < 2]
        optim_groups = [
            {"params": decay_params, "weight_decay": weight_decay},
            {"params": nodecay_params, "weight_decay": 0.0},
        ]
        # Create AdamW optimizer and use the fused version if it is available
        import inspect

        fused_available = "fused" in inspect.signature(torch.optim.AdamW).parameters
        use_fused = fused_available and device_type == "cuda"
        extra_args = dict(fused=True) if use_fused else dict()
        optimizer = torch.optim.AdamW(optim_groups, lr=learning_rate, betas=betas, **extra_args)
        return optimizer


# ----------------------------------------------------------------------------------------------
# Training: nanoGPT's train.py.


def get_lr(it):
    """Learning rate decay scheduler (cosine with warmup), as nanoGPT's train.py."""
    # 1) linear warmup for warmup_iters steps
    if it < WARMUP_ITERS:
        return LEARNING_RATE * (it + 1) / (WARMUP_ITERS + 1)
    # 2) if it > lr_decay_iters, return min learning rate
    if it > LR_DECAY_ITERS:
        return MIN_LR
    # 3) in between, use cosine decay down to min learning rate
    decay_ratio = (it - WARMUP_ITERS) / (LR_DECAY_ITERS - WARMUP_ITERS)
    assert 0 <= decay_ratio <= 1
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))  # coeff ranges 0..1
    return MIN_LR + coeff * (LEARNING_RATE - MIN_LR)


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message):
        fail(f"reference.py: {message}")


def parse_args():
    parser = ArgumentParser(description="nanoGPT's small CPU recipe, timed, in PyTorch.")
    parser.add_argument("--seconds", type=float, default=30.0, help="timed training budget")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--text", default=DEFAULT_TEXT, help="training text (UTF-8)")
    parser.add_argument("--max-iters", type=int, default=0, help="stop at this iteration (0: none)")
    parser.add_argument("--eval-interval", type=int, default=0, help="0: no evaluation")
    parser.add_argument("--eval-iters", type=int, default=0, help="batches per split per eval")
    parser.add_argument("--log-interval", type=int, default=0, help="log loss on stderr (0: off)")
    args = parser.parse_args()
    if not (args.seconds > 0 and math.isfinite(args.seconds)):
        fail("--seconds must be a positive number")
    if args.threads < 1:
        fail("--threads must be at least 1")
    if args.max_iters < 0 or args.eval_interval < 0 or args.eval_iters < 0:
        fail("--max-iters, --eval-interval and --eval-iters must not be negative")
    if 0 < args.max_iters <= WARMUP_STEPS_UNTIMED:
        fail(f"--max-iters must be more than the {WARMUP_STEPS_UNTIMED} untimed warm-up iterations")
    if args.eval_interval > 0 and args.eval_iters == 0:
        args.eval_iters = 20  # the CPU recipe's eval_iters
    return args


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    device = "cpu"
    device_type = "cpu"

    # data: nanoGPT's shakespeare_char/prepare.py (character vocabulary, 90/10 split, uint16)
    try:
        with open(args.text, "r", encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        fail(f"cannot read the training text {args.text}: {e.strerror or e}")
    chars = sorted(list(set(text)))
    vocab_size = len(chars)
    if vocab_size > 65535:
        fail(f"the text has {vocab_size} distinct characters, more than uint16 holds")
    stoi = {ch: i for i, ch in enumerate(chars)}
    n = len(text)
    if int(n * 0.1) <= BLOCK_SIZE + 1:
        fail(f"the text is too short ({n} characters) for block_size {BLOCK_SIZE}")
    train_data = np.array([stoi[c] for c in text[: int(n * 0.9)]], dtype=np.uint16)
    val_data = np.array([stoi[c] for c in text[int(n * 0.9) :]], dtype=np.uint16)

    def get_batch(split):
        data = train_data if split == "train" else val_data
        ix = torch.randint(len(data) - BLOCK_SIZE, (BATCH_SIZE,))
        x = torch.stack([torch.from_numpy((data[i : i + BLOCK_SIZE]).astype(np.int64)) for i in ix])
        y = torch.stack(
            [torch.from_numpy((data[i + 1 : i + 1 + BLOCK_SIZE]).astype(np.int64)) for i in ix]
        )
        x, y = x.to(device), y.to(device)
        return x, y

    config = GPTConfig(BLOCK_SIZE, vocab_size, N_LAYER, N_HEAD, N_EMBD, DROPOUT, BIAS)
    model = GPT(config)
    model.to(device)
    optimizer = model.configure_optimizers(WEIGHT_DECAY, LEARNING_RATE, (BETA1, BETA2), device_type)

    # helps estimate an arbitrarily accurate loss over either split using many batches
    @torch.no_grad()
    def estimate_loss():
        out = {}
        model.eval()
        for split in ["train", "val"]:
            losses = torch.zeros(args.eval_iters)
            for k in range(args.eval_iters):
                X, Y = get_batch(split)
                logits, loss = model(X, Y)
                losses[k] = loss.item()
            out[split] = losses.mean()
        model.train()
        return out

    tokens_per_iter = BATCH_SIZE * BLOCK_SIZE
    X, Y = get_batch("train")  # fetch the very first batch
    iter_num = 0
    timed_iters = 0
    eval_seconds = 0.0
    last_loss = float("nan")
    val_loss = None
    t_start = None  # the timed phase starts after the untimed warm-up iterations
    deadline = None
    while True:
        if iter_num == WARMUP_STEPS_UNTIMED:
            t_start = time.perf_counter()
            deadline = t_start + args.seconds
        # determine and set the learning rate for this iteration
        lr = get_lr(iter_num)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr

        # evaluate the loss on train/val sets
        if args.eval_interval > 0 and iter_num % args.eval_interval == 0:
            t_eval = time.perf_counter()
            losses = estimate_loss()
            val_loss = float(losses["val"])
            if t_start is not None:
                eval_seconds += time.perf_counter() - t_eval
            if args.log_interval > 0:
                print(
                    f"step {iter_num}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}",
                    file=sys.stderr,
                )

        # forward backward update (gradient_accumulation_steps = 1)
        logits, loss = model(X, Y)
        # immediately async prefetch next batch while model is doing the forward pass on the GPU
        X, Y = get_batch("train")
        loss.backward()
        # clip the gradient
        if GRAD_CLIP != 0.0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), GRAD_CLIP)
        optimizer.step()
        # flush the gradients as soon as we can, no need for this memory anymore
        optimizer.zero_grad(set_to_none=True)

        last_loss = loss.item()  # the CPU recipe logs every iteration (log_interval = 1)
        if args.log_interval > 0 and iter_num % args.log_interval == 0:
            print(f"iter {iter_num}: loss {last_loss:.4f}, lr {lr:.2e}", file=sys.stderr)
        iter_num += 1
        if t_start is not None:
            timed_iters += 1
        if args.max_iters > 0 and iter_num >= args.max_iters:
            break
        if deadline is not None and time.perf_counter() >= deadline:
            break

    wall_seconds = time.perf_counter() - t_start
    train_seconds = wall_seconds - eval_seconds
    if timed_iters == 0 or train_seconds <= 0:
        fail("no timed iteration ran")
    tokens = timed_iters * tokens_per_iter
    if not math.isfinite(last_loss):
        fail(f"the training loss is not finite ({last_loss})")
    result = {
        "kind": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "tokensPerSec": round(tokens / train_seconds, 1),
        "msPerIter": round(1000 * train_seconds / timed_iters, 2),
        "iters": timed_iters,
        "seconds": round(wall_seconds, 3),
        "paramCount": model.get_num_params(),
        "vocabSize": vocab_size,
        "lastLoss": round(last_loss, 4),
        "wallTokensPerSec": round(tokens / wall_seconds, 1),
        "valLoss": None if val_loss is None else round(val_loss, 4),
    }
    print(json.dumps(result, separators=(",", ":")), flush=True)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        fail("interrupted")
    except Exception as e:  # any other failure: one line on stderr, exit code 2
        fail(f"reference.py failed: {type(e).__name__}: {e}")
