"""
Continue training a model exported from the Pre-training Playground, with PyTorch.

    python train.py --max_iters 3000                       # one process (CPU or one GPU)
    torchrun --nproc_per_node=2 train.py --max_iters 3000  # data-parallel (DDP), 2 processes
    python train.py --eval_only                            # the fixed validation loss
    python train.py --predict_ids 5,6,7                    # log-probabilities of the next token

The folder this script sits in is a complete run:
    config.json            the model's shape (a Hugging Face GPT2Config)
    model.safetensors      the weights, in Hugging Face GPT-2 names and layout
    optimizer.safetensors  Adam's moments and step, so training continues exactly (optional)
    playground.json        the objective, the training settings and the step reached so far
    train.bin, val.bin     the token ids, as nanoGPT stores them (dtype in meta.json)
Training continues with the same objective (causal: predict the next token; masked: fill in
[MASK], BERT-style) and the same optimizer settings, then writes the weights, Adam's state and
the new step back in the same layout, so the playground can import the folder again.

The code follows Karpathy's nanoGPT (model.py + train.py, in one file) and uses its flag names.
Needs torch >= 1.13 and numpy; nothing else.
"""

import argparse
import json
import math
import os
import shutil
import struct
import time
from contextlib import nullcontext

import numpy as np
import torch
import torch.nn as nn
from torch.nn import functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def fail(message):
    """Stops the script with one line saying what is wrong (no traceback)."""
    raise SystemExit(f"train.py: {message}")


# -----------------------------------------------------------------------------
# safetensors, read and written with numpy only
# Layout: 8 bytes little-endian uint64 N, then N bytes of JSON header
#   {"__metadata__": {...strings}, "<name>": {"dtype", "shape", "data_offsets": [begin, end]}}
# then the raw little-endian data; offsets count from the start of the data section.

ITEMSIZE = {"F32": 4, "F16": 2, "BF16": 2}


def read_safetensors(path):
    """Returns ({name: float32 numpy array}, metadata). Refuses a file whose header lies."""
    name_of_file = os.path.basename(path)
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        fail(f"{name_of_file} is {len(raw)} bytes, too short to be safetensors.")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        fail(f"{name_of_file}: the header claims {n} bytes but only {len(raw) - 8} follow (truncated file?).")
    try:
        header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        fail(f"{name_of_file}: the header is not valid JSON.")
    if not isinstance(header, dict):
        fail(f"{name_of_file}: the header is not a JSON object.")
    metadata = header.pop("__metadata__", None) or {}
    data = memoryview(raw)[8 + n :]  # the data section
    tensors = {}
    for name, entry in header.items():
        try:
            dtype, shape, (begin, end) = entry["dtype"], list(entry["shape"]), entry["data_offsets"]
        except (KeyError, TypeError, ValueError):
            fail(f"{name_of_file}: tensor {name} has no dtype, shape or data_offsets.")
        if dtype not in ITEMSIZE:
            fail(f"{name_of_file}: tensor {name} is {dtype}; only F32, F16 and BF16 are read.")
        if not all(isinstance(d, int) and d >= 0 for d in shape + [begin, end]):
            fail(f"{name_of_file}: tensor {name} has a malformed shape or offsets.")
        if not begin <= end <= len(data):
            fail(f"{name_of_file}: tensor {name} lies at bytes {begin}..{end}, outside the data section ({len(data)} bytes).")
        nbytes = int(np.prod(shape, dtype=np.int64)) * ITEMSIZE[dtype]
        if end - begin != nbytes:
            fail(f"{name_of_file}: tensor {name} has {end - begin} bytes but shape {shape} of {dtype} needs {nbytes}.")
        chunk = data[begin:end]
        if dtype == "F32":
            array = np.frombuffer(chunk, dtype="<f4")
        elif dtype == "F16":
            array = np.frombuffer(chunk, dtype="<f2")
        else:  # BF16 is the top half of a float32: shift it back into place
            array = (np.frombuffer(chunk, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        tensors[name] = array.astype(np.float32).reshape(shape)  # astype copies: writable, aligned
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    """Writes float32 tensors, sorted by name, contiguous; header padded with spaces to 8 bytes."""
    header, chunks, offset = {"__metadata__": {k: str(v) for k, v in metadata.items()}}, [], 0
    for name in sorted(tensors):
        array = np.ascontiguousarray(tensors[name], dtype="<f4")
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + array.nbytes]}
        chunks.append(array.tobytes())
        offset += array.nbytes
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"  # write next to the target, then rename: never a half-written file
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)
    os.replace(tmp, path)


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def read_json(path, default=None):
    if not os.path.exists(path):
        return default
    try:
        with open(path) as f:
            return json.load(f)
    except ValueError:
        fail(f"{os.path.basename(path)} is not valid JSON.")


# -----------------------------------------------------------------------------
# The model: GPT-2 (pre-LayerNorm transformer), with Hugging Face's module names so that
# model.named_parameters() gives exactly the tensor names of model.safetensors.
# is_causal=False gives the masked (BERT-style) variant: same weights, attention sees every
# position.


class GPTConfig:
    """The fields of a Hugging Face GPT2Config this model uses."""

    def __init__(self, raw):
        try:
            self.vocab_size = int(raw["vocab_size"])
            self.block_size = int(raw.get("n_positions", raw.get("n_ctx")))
            self.n_embd = int(raw["n_embd"])
            self.n_layer = int(raw["n_layer"])
            self.n_head = int(raw["n_head"])
        except (KeyError, TypeError, ValueError):
            fail("config.json needs vocab_size, n_positions, n_embd, n_layer and n_head.")
        if self.n_embd % self.n_head != 0:
            fail(f"config.json: n_embd {self.n_embd} is not a multiple of n_head {self.n_head}.")
        self.n_inner = int(raw.get("n_inner") or 4 * self.n_embd)  # null means 4 * n_embd
        activation = raw.get("activation_function", "gelu_new")
        if activation in ("gelu_new", "gelu_pytorch_tanh", "gelu_fast"):
            self.gelu = "tanh"  # 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        elif activation == "gelu":
            self.gelu = "none"  # the exact GELU, x * Phi(x), with erf
        else:
            fail(f"config.json: activation_function {activation!r} is not supported (gelu_new or gelu).")
        self.layer_norm_epsilon = float(raw.get("layer_norm_epsilon", 1e-5))
        self.resid_pdrop = float(raw.get("resid_pdrop", 0.0) or 0.0)
        self.embd_pdrop = float(raw.get("embd_pdrop", 0.0) or 0.0)
        self.attn_pdrop = float(raw.get("attn_pdrop", 0.0) or 0.0)
        self.tie_word_embeddings = raw.get("tie_word_embeddings", True) is not False
        self.is_causal = raw.get("is_causal", True) is not False
        self.mask_token_id = int(raw.get("mask_token_id", 1) if raw.get("mask_token_id") is not None else 1)


class Conv1D(nn.Module):
    """GPT-2's linear layer: the weight is stored [in, out] and y = x @ W + b."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        # F.linear computes x @ A^T + b, so passing A = W^T gives x @ W + b (no copy is made)
        return F.linear(x, self.weight.t(), self.bias)


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention; causal (GPT) or bidirectional (masked objective)."""

    def __init__(self, config):
        super().__init__()
        self.n_head, self.n_embd, self.is_causal = config.n_head, config.n_embd, config.is_causal
        self.c_attn = Conv1D(config.n_embd, 3 * config.n_embd)  # q, k, v side by side
        self.c_proj = Conv1D(config.n_embd, config.n_embd)
        self.attn_dropout = nn.Dropout(config.attn_pdrop)
        self.resid_dropout = nn.Dropout(config.resid_pdrop)
        self.dropout = config.attn_pdrop
        # flash attention is fast, but only in PyTorch >= 2.0
        self.flash = hasattr(F, "scaled_dot_product_attention")
        if not self.flash:
            # the causal mask, so that attention only looks at positions to the left. It is not a
            # parameter and not saved (persistent=False): model.safetensors holds weights only.
            mask = torch.tril(torch.ones(config.block_size, config.block_size, dtype=torch.bool))
            self.register_buffer("mask", mask.view(1, 1, config.block_size, config.block_size), persistent=False)

    def forward(self, x):
        B, T, C = x.size()  # batch size, sequence length, embedding dimensionality (n_embd)
        # query, key, values for all heads in one matmul, then split into heads as HF does
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        hs = C // self.n_head
        q = q.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        if self.flash:
            y = F.scaled_dot_product_attention(
                q, k, v, attn_mask=None, dropout_p=self.dropout if self.training else 0.0, is_causal=self.is_causal
            )
        else:
            # (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T), scaled by 1/sqrt(head size)
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))
            if self.is_causal:
                att = att.masked_fill(~self.mask[:, :, :T, :T], float("-inf"))
            att = F.softmax(att, dim=-1)
            att = self.attn_dropout(att)
            y = att @ v  # (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # re-assemble all head outputs side by side
        return self.resid_dropout(self.c_proj(y))


class MLP(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.c_fc = Conv1D(config.n_embd, config.n_inner)
        self.c_proj = Conv1D(config.n_inner, config.n_embd)
        self.dropout = nn.Dropout(config.resid_pdrop)
        self.gelu = config.gelu

    def forward(self, x):
        x = F.gelu(self.c_fc(x), approximate=self.gelu)
        return self.dropout(self.c_proj(x))


class Block(nn.Module):
    """A pre-LayerNorm transformer block: normalise, then add each branch to the residual."""

    def __init__(self, config):
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon)
        self.mlp = MLP(config)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x


class GPT(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.transformer = nn.ModuleDict(
            dict(
                wte=nn.Embedding(config.vocab_size, config.n_embd),  # token embeddings
                wpe=nn.Embedding(config.block_size, config.n_embd),  # position embeddings
                drop=nn.Dropout(config.embd_pdrop),
                h=nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
                ln_f=nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon),
            )
        )
        # With tied embeddings (the playground's models) the output head IS the token embedding
        # matrix, so it is not a parameter of its own. Other GPT-2 folders may untie it.
        self.lm_head = None if config.tie_word_embeddings else nn.Linear(config.n_embd, config.vocab_size, bias=False)

    def forward(self, idx, targets=None):
        """idx: (B, T) token ids. targets: (B, T) ids to predict, -1 where nothing is scored."""
        B, T = idx.size()
        assert T <= self.config.block_size, f"cannot forward a sequence of {T}, the block size is {self.config.block_size}"
        pos = torch.arange(0, T, dtype=torch.long, device=idx.device)  # shape (T)
        x = self.transformer.drop(self.transformer.wte(idx) + self.transformer.wpe(pos))
        for block in self.transformer.h:
            x = block(x)
        x = self.transformer.ln_f(x)
        head = self.transformer.wte.weight if self.lm_head is None else self.lm_head.weight
        logits = F.linear(x, head)  # (B, T, vocab_size): x @ wte^T
        loss = None
        if targets is not None:
            # the mean over the scored positions (all of them, causal; the chosen ones, masked)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)).float(), targets.view(-1), ignore_index=-1)
        return logits, loss

    def get_num_params(self):
        return sum(p.numel() for p in self.parameters())


def load_model(folder):
    """Builds the GPT of config.json and loads model.safetensors into it."""
    raw = read_json(os.path.join(folder, "config.json"))
    if not isinstance(raw, dict):
        fail(f"{folder} has no config.json.")
    config = GPTConfig(raw)
    model = GPT(config)
    path = os.path.join(folder, "model.safetensors")
    if not os.path.exists(path):
        fail(f"{folder} has no model.safetensors.")
    tensors, _ = read_safetensors(path)
    state = {}
    for name, array in tensors.items():
        if name.endswith((".attn.bias", ".attn.masked_bias")):
            continue  # HF's causal-mask buffers, not weights
        if name == "lm_head.weight":
            if config.tie_word_embeddings:
                continue  # a copy of wte when tied
        elif not name.startswith("transformer."):
            name = "transformer." + name  # OpenAI's gpt2 on the Hub: "wte.weight", "h.0.ln_1.weight", ...
        state[name] = torch.from_numpy(array)
    expected = model.state_dict()
    missing = [n for n in expected if n not in state]
    unknown = [n for n in state if n not in expected]
    if missing or unknown:
        fail(f"model.safetensors does not fit config.json (missing {missing[:3]}, unexpected {unknown[:3]}).")
    for name, value in state.items():
        if tuple(value.shape) != tuple(expected[name].shape):
            fail(f"model.safetensors: {name} is {list(value.shape)}, config.json needs {list(expected[name].shape)}.")
    model.load_state_dict(state)
    return model


def model_tensors(model):
    """The weights to write, in model.safetensors' names; lm_head.weight is written even when tied."""
    state = {n: p.detach().float().cpu().numpy() for n, p in model.named_parameters()}
    if model.lm_head is None:
        state["lm_head.weight"] = state["transformer.wte.weight"]
    return state


# weight decay applies to the four weight matrices of each block, nothing else (not the
# embeddings, not LayerNorm, not biases)
DECAYED = ("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight")


def configure_optimizer(model, weight_decay, learning_rate, betas):
    named = list(model.named_parameters())
    decay = [p for n, p in named if n.startswith("transformer.h.") and n.endswith(DECAYED)]
    no_decay = [p for n, p in named if not (n.startswith("transformer.h.") and n.endswith(DECAYED))]
    groups = [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=learning_rate, betas=betas, eps=1e-8)


def load_optimizer_state(optimizer, model, path):
    """Puts Adam's moments (adam.m.<name>, adam.v.<name>) and step into AdamW; returns the step."""
    moments, metadata = read_safetensors(path)
    try:
        step = int(metadata.get("step", "0"))
    except ValueError:
        fail(f"optimizer.safetensors: the step {metadata.get('step')!r} is not an integer.")
    index_of = {id(p): i for i, p in enumerate(p for g in optimizer.param_groups for p in g["params"])}
    state = {}
    for name, p in model.named_parameters():
        m, v = moments.get(f"adam.m.{name}"), moments.get(f"adam.v.{name}")
        if m is None or v is None or tuple(m.shape) != tuple(p.shape) or tuple(v.shape) != tuple(p.shape):
            fail(f"optimizer.safetensors has no moments of shape {list(p.shape)} for {name}; delete it to restart Adam.")
        state[index_of[id(p)]] = {
            "step": torch.tensor(float(step)),
            "exp_avg": torch.from_numpy(m),
            "exp_avg_sq": torch.from_numpy(v),
        }
    saved = optimizer.state_dict()
    saved["state"] = state
    optimizer.load_state_dict(saved)  # moves the moments to the parameters' device
    return step


def optimizer_tensors(optimizer, model):
    out = {}
    for name, p in model.named_parameters():
        s = optimizer.state.get(p, {})
        zeros = torch.zeros_like(p)
        out[f"adam.m.{name}"] = s.get("exp_avg", zeros).detach().float().cpu().numpy()
        out[f"adam.v.{name}"] = s.get("exp_avg_sq", zeros).detach().float().cpu().numpy()
    return out


# -----------------------------------------------------------------------------
# data: nanoGPT's random windows, and BERT's masking for the masked objective


def get_batch(data_path, dtype, batch_size, block_size, objective, masking, generator, device):
    """Returns (x, y): inputs and targets, (B, T) each; targets are -1 where nothing is scored."""
    # we recreate np.memmap every batch to avoid a memory leak, as per
    # https://stackoverflow.com/questions/45132940/numpy-memmap-memory-usage-want-to-iterate-once/61472122#61472122
    data = np.memmap(data_path, dtype=dtype, mode="r")
    ix = torch.randint(len(data) - block_size - 1, (batch_size,), generator=generator)
    x = torch.stack([torch.from_numpy(data[i : i + block_size].astype(np.int64)) for i in ix.tolist()])
    if objective == "causal":
        y = torch.stack([torch.from_numpy(data[i + 1 : i + 1 + block_size].astype(np.int64)) for i in ix.tolist()])
    else:
        x, y = mask_tokens(x, masking, generator)
    if device.startswith("cuda"):
        # pin arrays x,y, which allows us to move them to GPU asynchronously (non_blocking=True)
        return x.pin_memory().to(device, non_blocking=True), y.pin_memory().to(device, non_blocking=True)
    return x.to(device), y.to(device)


def mask_tokens(x, masking, generator):
    """BERT's masking: choose each position with probability mask_ratio (at least one per row);
    of the chosen, 80% become [MASK], 10% a random regular token, 10% stay. Only they are scored."""
    B, T = x.shape
    chosen = torch.rand(B, T, generator=generator) < masking["mask_ratio"]
    empty = (~chosen.any(dim=1)).nonzero().view(-1)  # rows where nothing was chosen
    if len(empty) > 0:
        chosen[empty, torch.randint(T, (len(empty),), generator=generator)] = True
    r = torch.rand(B, T, generator=generator)
    random_ids = torch.randint(masking["first_regular_id"], masking["vocab_size"], (B, T), generator=generator)
    inputs = x.clone()
    inputs[chosen & (r < 0.8)] = masking["mask_token_id"]
    replace = chosen & (r >= 0.8) & (r < 0.9)
    inputs[replace] = random_ids[replace]
    targets = torch.where(chosen, x, torch.full_like(x, -1))
    return inputs, targets


@torch.no_grad()
def fixed_val_loss(model, val_path, dtype, block_size, objective, mask_token_id, batch_size, device):
    """The validation loss on fixed windows, computed the same way by the playground:
    window k = val[k*T : k*T+T] for k < min(64, (len(val)-1) // T). Causal: the mean cross-entropy
    of the next token over all positions. Masked: positions t with t % 7 == 3 become [MASK] and only
    they are scored. Float32, eval mode (no dropout), the sum kept in float64. None without data."""
    val = np.memmap(val_path, dtype=dtype, mode="r")
    T = block_size
    n = min(64, (len(val) - 1) // T)
    if n < 1:
        return None
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    for first in range(0, n, batch_size):
        windows = range(first, min(n, first + batch_size))
        x = torch.stack([torch.from_numpy(val[k * T : k * T + T].astype(np.int64)) for k in windows])
        if objective == "causal":
            y = torch.stack([torch.from_numpy(val[k * T + 1 : k * T + T + 1].astype(np.int64)) for k in windows])
            scored = torch.ones_like(x, dtype=torch.bool)
        else:
            scored = (torch.arange(T) % 7 == 3).expand_as(x)
            y = x
            x = torch.where(scored, torch.full_like(x, mask_token_id), x)
        logits, _ = model(x.to(device))
        losses = F.cross_entropy(logits.float().view(-1, logits.size(-1)), y.to(device).view(-1), reduction="none")
        total += losses[scored.to(device).view(-1)].double().sum().item()
        count += int(scored.sum())
    model.train(was_training)
    return total / count


# -----------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description="Continue training a Pre-training Playground model with PyTorch.")
    parser.add_argument("--data_dir", default=HERE, help="the model folder (default: this script's folder)")
    parser.add_argument("--out_dir", default=None, help="where to write (default: data_dir, continuing in place)")
    parser.add_argument("--max_iters", type=int, default=None, help="total iterations to reach (default: step + 1000)")
    parser.add_argument("--batch_size", type=int, default=None, help="per process (default: training.batchSize)")
    parser.add_argument("--learning_rate", type=float, default=None, help="max learning rate")
    parser.add_argument("--min_lr", type=float, default=None)
    parser.add_argument("--warmup_iters", type=int, default=None)
    parser.add_argument("--lr_decay_iters", type=int, default=None, help="default: training.maxIters")
    parser.add_argument("--weight_decay", type=float, default=None)
    parser.add_argument("--grad_clip", type=float, default=None, help="clip the gradient's norm at this; 0 = off")
    parser.add_argument("--eval_interval", type=int, default=None)
    parser.add_argument("--eval_iters", type=int, default=None)
    parser.add_argument("--log_interval", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu", help="cpu, cuda, cuda:1, mps")
    parser.add_argument("--dtype", default="auto", choices=["auto", "float32", "bfloat16"],
                        help="auto: bfloat16 autocast on GPUs that support it, else float32")
    parser.add_argument("--eval_only", action="store_true", help="print the fixed validation loss and exit")
    parser.add_argument("--predict_ids", default=None, help='"5,6,7": print the log-probabilities after the last id (or at [MASK])')
    parser.add_argument("--no_save", action="store_true", help="train, but write nothing")
    args = parser.parse_args()

    # -------------------------------------------------------------------------
    # settings: the flags, else playground.json's training block, else the playground's defaults
    data_dir = os.path.abspath(args.data_dir)
    out_dir = os.path.abspath(args.out_dir) if args.out_dir else data_dir
    run = read_json(os.path.join(data_dir, "playground.json"), {})
    training = run.get("training") or {}
    meta = read_json(os.path.join(data_dir, "meta.json"), {})

    def setting(flag, key, default):
        value = getattr(args, flag)
        return value if value is not None else training.get(key, default)

    batch_size = int(setting("batch_size", "batchSize", 12))
    learning_rate = float(setting("learning_rate", "learningRate", 1e-3))
    min_lr = float(setting("min_lr", "minLr", 1e-4))
    warmup_iters = int(setting("warmup_iters", "warmupIters", 100))
    lr_decay_iters = int(setting("lr_decay_iters", "maxIters", 2000))
    weight_decay = float(setting("weight_decay", "weightDecay", 0.1))
    grad_clip = float(setting("grad_clip", "gradClip", 1.0))
    eval_interval = int(setting("eval_interval", "evalInterval", 250))
    eval_iters = int(setting("eval_iters", "evalIters", 20))
    seed = int(setting("seed", "seed", 1337))
    betas = (float(training.get("beta1", 0.9)), float(training.get("beta2", 0.99)))
    mask_ratio = float(training.get("maskRatio", 0.15))
    step = int(run.get("step", 0) or 0)  # iterations already taken

    # -------------------------------------------------------------------------
    # various inits: DDP when launched by torchrun (it sets RANK, LOCAL_RANK, WORLD_SIZE)
    ddp = int(os.environ.get("RANK", -1)) != -1
    device = args.device
    if ddp:
        ddp_rank = int(os.environ["RANK"])
        ddp_local_rank = int(os.environ.get("LOCAL_RANK", 0))
        ddp_world_size = int(os.environ["WORLD_SIZE"])
        if device.startswith("cuda"):
            device = f"cuda:{ddp_local_rank}"  # one GPU per process
            torch.cuda.set_device(device)
    else:
        ddp_rank, ddp_local_rank, ddp_world_size = 0, 0, 1
    master_process = ddp_rank == 0  # this process will do logging, evaluating, writing files
    device_type = "cuda" if device.startswith("cuda") else device.split(":")[0]
    # bfloat16 autocast on GPUs that support it; float32 elsewhere (and float32 on request)
    if args.dtype == "auto":
        use_bf16 = device_type == "cuda" and torch.cuda.is_bf16_supported()
    else:
        use_bf16 = args.dtype == "bfloat16"
    ctx = torch.autocast(device_type=device_type, dtype=torch.bfloat16) if use_bf16 else nullcontext()

    torch.manual_seed(seed + ddp_rank)  # dropout's randomness
    model = load_model(data_dir)
    config = model.config
    block_size = config.block_size
    objective = run.get("objective") or training.get("objective") or ("causal" if config.is_causal else "masked")
    if objective not in ("causal", "masked"):
        fail(f"playground.json: objective {objective!r} is neither causal nor masked.")
    mask_token_id = int(meta.get("mask_token_id", config.mask_token_id))
    model.to(device)

    # -------------------------------------------------------------------------
    # --predict_ids: the log-probabilities at one position, then exit
    if args.predict_ids is not None:
        if not master_process:
            return
        try:
            ids = [int(s) for s in args.predict_ids.replace(" ", "").split(",") if s != ""]
        except ValueError:
            fail(f"--predict_ids {args.predict_ids!r} is not a comma-separated list of integers.")
        if not ids:
            fail("--predict_ids is empty.")
        if any(i < 0 or i >= config.vocab_size for i in ids):
            fail(f"--predict_ids: every id must be in [0, {config.vocab_size}).")
        if objective == "masked":
            if ids.count(mask_token_id) != 1:
                fail(f"a masked model needs exactly one [MASK] (id {mask_token_id}) in --predict_ids; got {ids.count(mask_token_id)}.")
            if len(ids) > block_size:
                fail(f"--predict_ids has {len(ids)} ids; the context holds {block_size}.")
            position = ids.index(mask_token_id)
        else:
            ids = ids[-block_size:]  # crop to the context, as nanoGPT's generate does
            position = len(ids) - 1
        model.eval()
        with torch.no_grad():
            logits, _ = model(torch.tensor([ids], dtype=torch.long, device=device))
            logprobs = F.log_softmax(logits[0, position].float(), dim=-1)
        print(json.dumps({"ids": ids, "logprobs": logprobs.cpu().tolist()}))
        return

    # -------------------------------------------------------------------------
    # data
    dtype = meta.get("dtype", "uint16")
    if dtype not in ("uint16", "uint32"):
        fail(f"meta.json: dtype {dtype!r} is neither uint16 nor uint32.")
    dtype = np.dtype(dtype).newbyteorder("<")  # the files are little-endian on every machine
    train_path, val_path = os.path.join(data_dir, "train.bin"), os.path.join(data_dir, "val.bin")
    for path in (val_path,) if args.eval_only else (train_path, val_path):
        if not os.path.exists(path) or os.path.getsize(path) < (block_size + 2) * dtype.itemsize:
            fail(f"{os.path.basename(path)} is missing or holds fewer than {block_size + 2} tokens (one window).")
    masking = {
        "mask_ratio": mask_ratio,
        "mask_token_id": mask_token_id,
        "first_regular_id": int(meta.get("first_regular_id", 3)),
        "vocab_size": int(meta.get("vocab_size", config.vocab_size)),
    }

    # --eval_only: the fixed validation loss of the model as it is, then exit
    if args.eval_only:
        if master_process:
            loss = fixed_val_loss(model, val_path, dtype, block_size, objective, mask_token_id, batch_size, device)
            print(f"fixed val loss {loss:.6f}")
        return

    # -------------------------------------------------------------------------
    # optimizer, continuing from optimizer.safetensors when the folder has it
    optimizer = configure_optimizer(model, weight_decay, learning_rate, betas)
    optimizer_path = os.path.join(data_dir, "optimizer.safetensors")
    if os.path.exists(optimizer_path):
        adam_step = load_optimizer_state(optimizer, model, optimizer_path)
        if "step" not in run:
            step = adam_step
    max_iters = args.max_iters if args.max_iters is not None else step + 1000
    if max_iters <= step:
        fail(f"the model is at step {step} already; pass --max_iters larger than that.")

    if ddp:
        # gradients are averaged over the processes in backward(); NCCL on GPUs, gloo on CPUs
        torch.distributed.init_process_group(backend="nccl" if device_type == "cuda" else "gloo")
        model = nn.parallel.DistributedDataParallel(model, device_ids=[ddp_local_rank] if device_type == "cuda" else None)
    raw_model = model.module if ddp else model  # unwrap DDP container if needed

    # every process draws different batches; evaluation has its own stream, so how often one
    # evaluates does not change the training batches
    train_gen = torch.Generator().manual_seed(seed + ddp_rank)
    eval_gen = torch.Generator().manual_seed(seed + 1_000_000)

    def batch(split, generator):
        path = train_path if split == "train" else val_path
        return get_batch(path, dtype, batch_size, block_size, objective, masking, generator, device)

    # helps estimate an arbitrarily accurate loss over either split using many batches
    @torch.no_grad()
    def estimate_loss():
        out = {}
        raw_model.eval()
        for split in ["train", "val"]:
            losses = torch.zeros(eval_iters)
            for k in range(eval_iters):
                X, Y = batch(split, eval_gen)
                with ctx:
                    _, loss = raw_model(X, Y)
                losses[k] = loss.item()
            out[split] = losses.mean().item()
        raw_model.train()
        return out

    # learning rate decay scheduler (linear warmup, then cosine down to min_lr)
    def get_lr(it):
        # 1) linear warmup for warmup_iters steps
        if it < warmup_iters:
            return learning_rate * (it + 1) / (warmup_iters + 1)
        # 2) if it > lr_decay_iters, return min learning rate
        if it >= lr_decay_iters:
            return min_lr
        # 3) in between, use cosine decay down to min learning rate
        decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
        coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))  # coeff ranges 0..1
        return min_lr + coeff * (learning_rate - min_lr)

    tokens_per_iter = batch_size * block_size * ddp_world_size
    if master_process:
        print(
            f"{objective} model, {raw_model.get_num_params():,} parameters; world size {ddp_world_size} on {device}"
            f"{' (bfloat16 autocast)' if use_bf16 else ' (float32)'}; "
            f"tokens per iteration will be: {tokens_per_iter:,} ({ddp_world_size} x {batch_size} x {block_size}); "
            f"step {step} -> {max_iters}"
        )
    log = {"world_size": ddp_world_size, "device": device, "tokens_per_iter": tokens_per_iter, "iters": [], "evals": []}

    def evaluate(it):
        losses = estimate_loss()
        print(f"step {it}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
        log["evals"].append({"step": it, "train_loss": losses["train"], "val_loss": losses["val"]})

    # -------------------------------------------------------------------------
    # training loop
    model.train()
    started = time.time()
    train_seconds = 0.0  # time spent in training iterations (evaluations excluded)
    for iter_num in range(step, max_iters):
        # evaluate the loss on train/val sets (only the master; the others wait in backward)
        if master_process and eval_interval > 0 and iter_num % eval_interval == 0:
            evaluate(iter_num)

        t0 = time.time()
        lr = get_lr(iter_num)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        X, Y = batch("train", train_gen)
        with ctx:
            _, loss = model(X, Y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # with DDP, this also averages the gradients over the processes
        if grad_clip > 0.0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        lossf = loss.item()  # this process's loss; .item() also waits for the GPU, so timing is honest
        dt = time.time() - t0
        train_seconds += dt

        if master_process:
            log["iters"].append({"iter": iter_num, "loss": lossf, "ms": dt * 1000})
            if iter_num % args.log_interval == 0:
                print(f"iter {iter_num}: loss {lossf:.4f}, time {dt * 1000:.2f} ms, {tokens_per_iter / dt:,.0f} tokens/s")

    # -------------------------------------------------------------------------
    # the end: evaluate, report, write the folder back
    if master_process:
        wall_seconds = time.time() - started
        evaluate(max_iters)
        fixed = fixed_val_loss(raw_model, val_path, dtype, block_size, objective, mask_token_id, batch_size, device)
        tokens_per_sec = (max_iters - step) * tokens_per_iter / train_seconds
        print(f"fixed val loss {fixed:.6f}")
        print(f"{max_iters - step} iterations, {(max_iters - step) * tokens_per_iter:,} tokens in {train_seconds:.1f} s "
              f"of training ({wall_seconds:.1f} s with evaluations): {tokens_per_sec:,.0f} tokens/s")
        log.update(fixed_val_loss=fixed, tokens_per_sec=tokens_per_sec, wall_seconds=wall_seconds)

        if not args.no_save:
            os.makedirs(out_dir, exist_ok=True)
            if out_dir != data_dir:
                copy_folder(data_dir, out_dir)  # so out_dir is a complete folder too
            metadata = {"format": "pt", "step": str(max_iters)}
            write_safetensors(os.path.join(out_dir, "model.safetensors"), model_tensors(raw_model), metadata)
            write_safetensors(os.path.join(out_dir, "optimizer.safetensors"), optimizer_tensors(optimizer, raw_model), metadata)
            run["step"] = max_iters  # every other key of playground.json stays as it was
            write_json(os.path.join(out_dir, "playground.json"), run)
            write_json(os.path.join(out_dir, "log.json"), log)
            print(f"wrote {out_dir}")

    if ddp:
        torch.distributed.destroy_process_group()


def copy_folder(src, dst):
    """Copies the files of the model folder (data, tokenizer, README, this script) to dst."""
    for name in os.listdir(src):
        path = os.path.join(src, name)
        if os.path.abspath(path) == dst or name.endswith(".tmp"):
            continue  # never copy out_dir into itself
        if os.path.isdir(path):
            shutil.copytree(path, os.path.join(dst, name), dirs_exist_ok=True)
        else:
            shutil.copy2(path, os.path.join(dst, name))


if __name__ == "__main__":
    main()
