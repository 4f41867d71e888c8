"""
Continue training a model exported from the Pre-training Playground, with PyTorch.

    python train.py --max_iters 3000                       # one process
    torchrun --nproc_per_node=2 train.py --max_iters 3000  # data-parallel (DDP)

The folder this script sits in holds the model (model.safetensors + config.json, Hugging Face
GPT-2 names and layout), Adam's state (optimizer.safetensors), the data (train.bin / val.bin,
as nanoGPT reads them) and the run's settings (playground.json). Training continues with the
same objective (causal: next token; masked: fill in [MASK]) and optimizer settings, and writes
the weights back in the same layout, so the playground can import the folder again.

Needs torch >= 1.13 and numpy; nothing else. Flags follow nanoGPT's where they exist.
"""

import argparse
import json
import math
import os
import shutil
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_EVAL_WINDOWS = 64  # the fixed validation loss averages at most this many windows
MASK_EVERY, MASK_AT = 7, 3  # masked fixed evaluation: positions t % 7 == 3 are masked


def fail(message):
    """Stops with one line saying what is wrong."""
    raise SystemExit(f"train.py: {message}")


# -----------------------------------------------------------------------------
# safetensors, read and written with numpy only

DTYPES = {"F32": np.float32, "F16": np.float16}


def read_safetensors(path):
    """Returns ({name: float32 array}, metadata); refuses files whose header lies."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        fail(f"{path} is too short to be safetensors.")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        fail(f"{path}: the header claims {n} bytes but the file has {len(raw) - 8}: truncated.")
    try:
        header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    except ValueError:
        fail(f"{path}: the header is not valid JSON.")
    data = memoryview(raw)[8 + n :]
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    for name, entry in header.items():
        dtype, shape, (begin, end) = entry["dtype"], entry["shape"], entry["data_offsets"]
        count = int(np.prod(shape)) if shape else 1
        size = count * (4 if dtype == "F32" else 2)
        if dtype not in ("F32", "F16", "BF16"):
            fail(f"{path}: tensor {name} has type {dtype}; F32, F16 and BF16 are read.")
        if not (0 <= begin <= end <= len(data)) or end - begin != size:
            fail(f"{path}: tensor {name} lies outside the file or its offsets do not fit its shape.")
        chunk = data[begin:end]
        if dtype == "BF16":
            words = np.frombuffer(chunk, dtype="<u2").astype(np.uint32) << 16
            array = words.view(np.float32)
        else:
            array = np.frombuffer(chunk, dtype=np.dtype(DTYPES[dtype]).newbyteorder("<"))
        tensors[name] = array.astype(np.float32).reshape(shape)
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    """Writes float32 tensors sorted by name, header padded to 8 bytes; atomically."""
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name in sorted(tensors):
        array = np.ascontiguousarray(tensors[name], dtype="<f4")
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + array.nbytes]}
        chunks.append(array.tobytes())
        offset += array.nbytes
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
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
    os.replace(tmp, path)


# -----------------------------------------------------------------------------
# the model: GPT-2 exactly (Hugging Face layout), causal or bidirectional


class Conv1D(nn.Module):
    """GPT-2's linear layer: weight [in, out], y = x @ W + b."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight).reshape(*x.shape[:-1], -1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.n_head, self.causal = cfg["n_head"], cfg["is_causal"]
        self.c_attn = Conv1D(cfg["n_embd"], 3 * cfg["n_embd"])
        self.c_proj = Conv1D(cfg["n_embd"], cfg["n_embd"])
        self.attn_drop = nn.Dropout(cfg["attn_pdrop"])
        self.resid_drop = nn.Dropout(cfg["resid_pdrop"])

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        heads = lambda z: z.view(b, t, self.n_head, c // self.n_head).transpose(1, 2)  # noqa: E731
        q, k, v = heads(q), heads(k), heads(v)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.shape[-1]))
        if self.causal:
            mask = torch.ones(t, t, dtype=torch.bool, device=x.device).tril()
            att = att.masked_fill(~mask, float("-inf"))
        att = self.attn_drop(F.softmax(att, dim=-1))
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
        return self.resid_drop(self.c_proj(y))


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.c_fc = Conv1D(cfg["n_embd"], 4 * cfg["n_embd"])
        self.c_proj = Conv1D(4 * cfg["n_embd"], cfg["n_embd"])
        self.drop = nn.Dropout(cfg["resid_pdrop"])
        self.approximate = "tanh" if cfg["activation_function"] in ("gelu_new", "gelu_pytorch_tanh") else "none"

    def forward(self, x):
        return self.drop(self.c_proj(F.gelu(self.c_fc(x), approximate=self.approximate)))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        eps = cfg["layer_norm_epsilon"]
        self.ln_1 = nn.LayerNorm(cfg["n_embd"], eps=eps)
        self.attn = Attention(cfg)
        self.ln_2 = nn.LayerNorm(cfg["n_embd"], eps=eps)
        self.mlp = MLP(cfg)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    """Parameter names are Hugging Face's: transformer.wte, transformer.h.0.attn.c_attn, …"""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.transformer = nn.ModuleDict(
            dict(
                wte=nn.Embedding(cfg["vocab_size"], cfg["n_embd"]),
                wpe=nn.Embedding(cfg["n_positions"], cfg["n_embd"]),
                drop=nn.Dropout(cfg["embd_pdrop"]),
                h=nn.ModuleList([Block(cfg) for _ in range(cfg["n_layer"])]),
                ln_f=nn.LayerNorm(cfg["n_embd"], eps=cfg["layer_norm_epsilon"]),
            )
        )

    def forward(self, idx, targets=None, weights=None):
        t = idx.shape[1]
        pos = torch.arange(t, device=idx.device)
        x = self.transformer.drop(self.transformer.wte(idx) + self.transformer.wpe(pos))
        for block in self.transformer.h:
            x = block(x)
        x = self.transformer.ln_f(x)
        logits = x @ self.transformer.wte.weight.t()  # the head is tied to the token embedding
        if targets is None:
            return logits, None
        losses = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), targets.view(-1), reduction="none")
        if weights is None:
            return logits, losses.mean()
        w = weights.view(-1)
        return logits, (losses * w).sum() / w.sum()


def load_model(folder):
    with open(os.path.join(folder, "config.json")) as f:
        raw = json.load(f)
    cfg = {
        "vocab_size": raw["vocab_size"], "n_positions": raw["n_positions"], "n_embd": raw["n_embd"],
        "n_layer": raw["n_layer"], "n_head": raw["n_head"],
        "activation_function": raw.get("activation_function", "gelu_new"),
        "layer_norm_epsilon": raw.get("layer_norm_epsilon", 1e-5),
        "resid_pdrop": raw.get("resid_pdrop", 0.0), "embd_pdrop": raw.get("embd_pdrop", 0.0),
        "attn_pdrop": raw.get("attn_pdrop", 0.0), "is_causal": raw.get("is_causal", True) is not False,
        "mask_token_id": raw.get("mask_token_id", 1),
    }
    model = GPT(cfg)
    tensors, _ = read_safetensors(os.path.join(folder, "model.safetensors"))
    state = {}
    for name, array in tensors.items():
        if name.endswith(".attn.bias") or name.endswith(".attn.masked_bias") or name == "lm_head.weight":
            continue
        state[name if name.startswith("transformer.") else "transformer." + name] = torch.from_numpy(array.copy())
    expected = model.state_dict()
    missing = [n for n in expected if n not in state]
    unknown = [n for n in state if n not in expected]
    if missing or unknown:
        fail(f"model.safetensors does not fit config.json (missing {missing[:3]}, unknown {unknown[:3]}).")
    for name, value in state.items():
        if tuple(value.shape) != tuple(expected[name].shape):
            fail(f"model.safetensors: {name} has shape {list(value.shape)}, config.json needs {list(expected[name].shape)}.")
    model.load_state_dict(state)
    return model, cfg


def decays(name):
    """Weight decay applies to the four weight matrices of each block only."""
    return name.endswith(("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"))


# -----------------------------------------------------------------------------
# data and objectives


def load_tokens(folder, split, dtype):
    path = os.path.join(folder, f"{split}.bin")
    if not os.path.exists(path):
        fail(f"the folder has no {split}.bin.")
    return np.memmap(path, dtype=np.dtype(dtype).newbyteorder("<"), mode="r")


def get_batch(data, batch_size, block_size, objective, meta, mask_ratio, gen, device):
    """nanoGPT's random windows; masked: 80% [MASK], 10% random token, 10% unchanged."""
    ix = torch.randint(len(data) - block_size - 1, (batch_size,), generator=gen)
    x = torch.stack([torch.from_numpy(data[i : i + block_size].astype(np.int64)) for i in ix.tolist()])
    if objective == "causal":
        y = torch.stack([torch.from_numpy(data[i + 1 : i + 1 + block_size].astype(np.int64)) for i in ix.tolist()])
        return x.to(device), y.to(device), None
    chosen = torch.rand(x.shape, generator=gen) < mask_ratio
    empty = ~chosen.any(dim=1)
    if empty.any():
        rows = empty.nonzero().view(-1)
        chosen[rows, torch.randint(block_size, (len(rows),), generator=gen)] = True
    r = torch.rand(x.shape, generator=gen)
    first, vocab = meta["first_regular_id"], meta["vocab_size"]
    random_ids = torch.randint(first, vocab, x.shape, generator=gen)
    inputs = torch.where(chosen & (r < 0.8), torch.full_like(x, meta["mask_token_id"]), x)
    inputs = torch.where(chosen & (r >= 0.8) & (r < 0.9), random_ids, inputs)
    return inputs.to(device), x.to(device), chosen.float().to(device)


@torch.no_grad()
def fixed_val_loss(model, val, block_size, objective, mask_id, batch_size, device):
    """Validation loss on fixed windows k·T…k·T+T (k < 64), as the playground computes it."""
    model.eval()
    n = min(FIXED_EVAL_WINDOWS, (len(val) - 1) // block_size)
    if n < 1:
        return None
    total, count = 0.0, 0.0
    for first in range(0, n, batch_size):
        rows = range(first, min(n, first + batch_size))
        x = torch.stack([torch.from_numpy(val[k * block_size : k * block_size + block_size].astype(np.int64)) for k in rows])
        if objective == "causal":
            y = torch.stack([torch.from_numpy(val[k * block_size + 1 : k * block_size + block_size + 1].astype(np.int64)) for k in rows])
            w = torch.ones_like(x, dtype=torch.float32)
            inputs = x
        else:
            scored = (torch.arange(block_size) % MASK_EVERY == MASK_AT).expand_as(x)
            inputs = torch.where(scored, torch.full_like(x, mask_id), x)
            y, w = x, scored.float()
        logits, _ = model(inputs.to(device))
        losses = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), y.to(device).view(-1), reduction="none")
        total += float((losses.double() * w.to(device).view(-1).double()).sum())
        count += float(w.sum())
    model.train()
    return total / count


# -----------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(description="Continue training a Pre-training Playground model with PyTorch.")
    p.add_argument("--data_dir", default=HERE)
    p.add_argument("--out_dir", default=None, help="default: the data folder (continue in place)")
    p.add_argument("--max_iters", type=int, default=None, help="the iteration to reach (default: step + 1000)")
    p.add_argument("--batch_size", type=int, default=None)
    p.add_argument("--learning_rate", type=float, default=None)
    p.add_argument("--min_lr", type=float, default=None)
    p.add_argument("--warmup_iters", type=int, default=None)
    p.add_argument("--lr_decay_iters", type=int, default=None)
    p.add_argument("--weight_decay", type=float, default=None)
    p.add_argument("--grad_clip", type=float, default=None)
    p.add_argument("--eval_interval", type=int, default=None)
    p.add_argument("--eval_iters", type=int, default=None)
    p.add_argument("--log_interval", type=int, default=10)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--dtype", default="auto", choices=["auto", "float32", "bfloat16"])
    p.add_argument("--eval_only", action="store_true")
    p.add_argument("--predict_ids", default=None, help="comma-separated ids: print next-token (or [MASK]) log-probs")
    p.add_argument("--no_save", action="store_true")
    args = p.parse_args()

    folder = os.path.abspath(args.data_dir)
    out_dir = os.path.abspath(args.out_dir or folder)
    for needed in ("config.json", "model.safetensors"):
        if not os.path.exists(os.path.join(folder, needed)):
            fail(f"{folder} has no {needed}.")
    run = {}
    if os.path.exists(os.path.join(folder, "playground.json")):
        with open(os.path.join(folder, "playground.json")) as f:
            run = json.load(f)
    meta = {"dtype": "uint16", "first_regular_id": 3, "mask_token_id": 1}
    if os.path.exists(os.path.join(folder, "meta.json")):
        with open(os.path.join(folder, "meta.json")) as f:
            meta.update(json.load(f))
    training = run.get("training", {})
    setting = lambda name, key, default: getattr(args, name) if getattr(args, name) is not None else training.get(key, default)  # noqa: E731
    step = int(run.get("step", 0))
    batch_size = setting("batch_size", "batchSize", 12)
    lr, min_lr = setting("learning_rate", "learningRate", 1e-3), setting("min_lr", "minLr", 1e-4)
    warmup = setting("warmup_iters", "warmupIters", 100)
    decay_iters = setting("lr_decay_iters", "maxIters", 2000)
    weight_decay, grad_clip = setting("weight_decay", "weightDecay", 0.1), setting("grad_clip", "gradClip", 1.0)
    eval_interval, eval_iters = setting("eval_interval", "evalInterval", 250), setting("eval_iters", "evalIters", 20)
    seed = setting("seed", "seed", 1337)
    max_iters = args.max_iters if args.max_iters is not None else step + 1000

    ddp = int(os.environ.get("RANK", -1)) != -1
    if ddp:
        backend = "nccl" if torch.cuda.is_available() and args.device.startswith("cuda") else "gloo"
        torch.distributed.init_process_group(backend=backend)
        rank, world = torch.distributed.get_rank(), torch.distributed.get_world_size()
        device = f"cuda:{int(os.environ['LOCAL_RANK'])}" if backend == "nccl" else "cpu"
        if backend == "nccl":
            torch.cuda.set_device(device)
    else:
        rank, world, device = 0, 1, args.device
    master = rank == 0
    use_bf16 = args.dtype == "bfloat16" or (
        args.dtype == "auto" and device.startswith("cuda") and torch.cuda.is_bf16_supported()
    )

    model, cfg = load_model(folder)
    model.to(device)
    objective = run.get("objective", "causal" if cfg["is_causal"] else "masked")
    block_size = cfg["n_positions"]
    meta["vocab_size"] = cfg["vocab_size"]
    meta["mask_token_id"] = cfg["mask_token_id"]

    if args.predict_ids is not None:
        ids = [int(i) for i in args.predict_ids.split(",") if i.strip() != ""]
        if objective == "masked":
            if ids.count(cfg["mask_token_id"]) != 1:
                fail("a masked model needs exactly one [MASK] id in --predict_ids.")
            position = ids.index(cfg["mask_token_id"])
        else:
            ids, position = ids[-block_size:], min(len(ids), block_size) - 1
        model.eval()
        with torch.no_grad():
            logits, _ = model(torch.tensor([ids], device=device))
            logprobs = F.log_softmax(logits[0, position].float(), dim=-1)
        print(json.dumps({"ids": ids, "logprobs": logprobs.tolist()}))
        return

    dtype = meta["dtype"] if meta["dtype"] in ("uint16", "uint32") else "uint16"
    train_data, val_data = load_tokens(folder, "train", dtype), load_tokens(folder, "val", dtype)
    if args.eval_only:
        loss = fixed_val_loss(model, val_data, block_size, objective, cfg["mask_token_id"], batch_size, device)
        print(f"fixed val loss {loss:.6f}")
        return
    if len(train_data) <= block_size + 1:
        fail(f"train.bin holds {len(train_data)} tokens, fewer than one window of {block_size + 1}.")

    named = list(model.named_parameters())
    groups = [
        {"params": [p for n, p in named if decays(n)], "weight_decay": weight_decay},
        {"params": [p for n, p in named if not decays(n)], "weight_decay": 0.0},
    ]
    betas = (training.get("beta1", 0.9), training.get("beta2", 0.99))
    optimizer = torch.optim.AdamW(groups, lr=lr, betas=betas, eps=1e-8)
    opt_path = os.path.join(folder, "optimizer.safetensors")
    if os.path.exists(opt_path):
        moments, opt_meta = read_safetensors(opt_path)
        if all(f"adam.m.{n}" in moments and f"adam.v.{n}" in moments for n, _ in named):
            saved_step = float(opt_meta.get("step", step))
            for n, p in named:
                optimizer.state[p] = {
                    "step": torch.tensor(saved_step),
                    "exp_avg": torch.from_numpy(moments[f"adam.m.{n}"].copy()).to(device),
                    "exp_avg_sq": torch.from_numpy(moments[f"adam.v.{n}"].copy()).to(device),
                }
    raw_model = model
    if ddp:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[device] if device.startswith("cuda") else None)

    def lr_at(it):
        if it < warmup:
            return lr * (it + 1) / (warmup + 1)
        if it >= decay_iters:
            return min_lr
        ratio = (it - warmup) / max(1, decay_iters - warmup)
        return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)

    gen = torch.Generator().manual_seed(seed + 1000 * rank + step)
    eval_gen = torch.Generator().manual_seed(seed)
    batch = lambda data, g: get_batch(data, batch_size, block_size, objective, meta, training.get("maskRatio", 0.15), g, device)  # noqa: E731
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if use_bf16 else torch.autocast("cpu", enabled=False)

    @torch.no_grad()
    def estimate_loss():
        raw_model.eval()
        out = {}
        for split, data in (("train", train_data), ("val", val_data)):
            losses = []
            for _ in range(eval_iters):
                x, y, w = batch(data, eval_gen)
                with autocast:
                    _, loss = raw_model(x, y, w)
                losses.append(loss.item())
            out[split] = sum(losses) / len(losses)
        raw_model.train()
        return out

    tokens_per_iter = batch_size * block_size * world
    params = sum(p.numel() for p in raw_model.parameters())
    if master:
        print(f"{objective} model, {params:,} parameters, step {step} → {max_iters}; {world} process(es) on {device}"
              f"{' (bf16 autocast)' if use_bf16 else ''}, {tokens_per_iter:,} tokens per iteration")
    log = {"world_size": world, "device": device, "tokens_per_iter": tokens_per_iter, "iters": [], "evals": []}
    model.train()
    started = time.time()
    iters_run, train_seconds = 0, 0.0
    for it in range(step, max_iters):
        if master and (it - step) % eval_interval == 0:
            losses = estimate_loss()
            log["evals"].append({"step": it, "train_loss": losses["train"], "val_loss": losses["val"]})
            print(f"step {it}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
        for group in optimizer.param_groups:
            group["lr"] = lr_at(it)
        t0 = time.time()
        x, y, w = batch(train_data, gen)
        with autocast:
            _, loss = model(x, y, w)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        iters_run += 1
        train_seconds += time.time() - t0
        ms = (time.time() - t0) * 1000
        if master:
            log["iters"].append({"iter": it, "loss": loss.item(), "ms": ms})
            if (it - step) % args.log_interval == 0:
                print(f"iter {it}: loss {loss.item():.4f}, time {ms:.1f} ms, {tokens_per_iter / (ms / 1000):,.0f} tokens/s")
    wall = time.time() - started
    if master:
        losses = estimate_loss()
        log["evals"].append({"step": max_iters, "train_loss": losses["train"], "val_loss": losses["val"]})
        print(f"step {max_iters}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
        fixed = fixed_val_loss(raw_model, val_data, block_size, objective, cfg["mask_token_id"], batch_size, device)
        log.update(
            fixed_val_loss=fixed,
            wall_seconds=wall,
            tokens_per_sec=iters_run * tokens_per_iter / max(train_seconds, 1e-9),
            wall_tokens_per_sec=iters_run * tokens_per_iter / max(wall, 1e-9),
        )
        print(f"fixed val loss {fixed:.6f}")
        print(f"{iters_run} iterations in {wall:.1f} s: {log['tokens_per_sec']:,.0f} tokens/s training, "
              f"{log['wall_tokens_per_sec']:,.0f} tokens/s on the wall clock (evaluations included)")
        if not args.no_save:
            os.makedirs(out_dir, exist_ok=True)
            if out_dir != folder:
                for name in os.listdir(folder):
                    if os.path.isfile(os.path.join(folder, name)):
                        shutil.copy2(os.path.join(folder, name), os.path.join(out_dir, name))
            state = {n: p.detach().float().cpu().numpy() for n, p in raw_model.named_parameters()}
            state["lm_head.weight"] = state["transformer.wte.weight"]
            write_safetensors(os.path.join(out_dir, "model.safetensors"), state, {"format": "pt", "step": str(max_iters)})
            moments = {}
            for n, p in raw_model.named_parameters():
                s = optimizer.state[p]
                moments[f"adam.m.{n}"] = s["exp_avg"].float().cpu().numpy()
                moments[f"adam.v.{n}"] = s["exp_avg_sq"].float().cpu().numpy()
            write_safetensors(os.path.join(out_dir, "optimizer.safetensors"), moments, {"format": "pt", "step": str(max_iters)})
            run["step"] = max_iters
            write_json(os.path.join(out_dir, "playground.json"), run)
            write_json(os.path.join(out_dir, "log.json"), log)
            # The export's checksums describe the files as exported; these were changed on purpose.
            checksums = os.path.join(out_dir, "playground-checksums.json")
            if os.path.exists(checksums):
                os.remove(checksums)
            if out_dir != folder:
                shutil.copy2(os.path.abspath(__file__), os.path.join(out_dir, "train.py"))
    if ddp:
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    sys.exit(main())
