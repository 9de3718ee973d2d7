#!/usr/bin/env python3
"""Train the sample lab's family of small CLIP models on the sample world and export them as bundles.

The family varies one of the paper's factors at a time from a default model (docs/sample-lab.md):

  =============  ============  ======================  =========  ===============  ===========
  model          image tower   training data           pairs      loss             fine-tuning
  =============  ============  ======================  =========  ===============  ===========
  vit-default    ViT           texture-correlated      large      softmax (CLIP)   none
  rn-default     ResNet (CNN)  texture-correlated      large      softmax (CLIP)   none
  vit-shape      ViT           shape-only (shuffled)   large      softmax (CLIP)   none
  vit-small      ViT           texture-correlated      small      softmax (CLIP)   none
  vit-siglip     ViT           texture-correlated      large      sigmoid (SigLIP) none
  vit-finetuned  ViT           texture-correlated      large      softmax (CLIP)   end-to-end CE
  rn-shape       ResNet (CNN)  shape-only (shuffled)   large      softmax (CLIP)   none
  =============  ============  ======================  =========  ===============  ===========

Models are built with tools/clip_model.py (CLIP's exact architecture, tiny sizes) and written with
tools/export_bundle.py -- the same export path as real models.  Training is contrastive on
(image, caption) pairs; each step draws a caption variant from the image's ground truth
("a photo of a red striped star on a grey background", "a star", "a picture of a dotted star", ...).

Tokenizer: the ``word-vocab`` kind.  vocab.json is a JSON array of strings, id = index, "<pad>" at 0,
"<unk>" and "<sot>" present, "<eot>" the LAST element (CLIP's text tower pools at the largest id).
Text -> lower case -> words = maximal runs of [a-z0-9] -> id (or the <unk> id); [SOT] + ids + [EOT],
truncated to context_length with EOT kept last, zero-padded.

Usage::

    clipwb sample generate --out /tmp/sw                       # the sample world (Java)
    /usr/bin/python3 tools/train_sample_models.py --data /tmp/sw --out sample-data/bundles

Evaluation (``--eval-only`` or after training) reloads the *exported TorchScript* and computes
zero-shot accuracy as the workbench does: class weights = mean over prompt templates of the
L2-normalised text embeddings, renormalised; logits = logit_scale x cosine; shape bias on the
cue-conflict set = shape decisions / (shape + texture decisions) (Geirhos et al. 2019,
model-vs-human ``shape_bias``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import time
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import clip_model  # noqa: E402
from export_bundle import CLIP_MEAN, CLIP_STD, export_bundle  # noqa: E402

CONTEXT_LENGTH = 16
PROMPTS = "single"  # the workbench's built-in set: "a photo of a {c}."
PROMPT_TEMPLATES = ["a photo of a {c}."]
EVAL_SETS = ["test", "outline", "novel-texture", "novel-background", "dark", "rotated"]

# one factor at a time from vit-default
FAMILY: Dict[str, dict] = {
    "vit-default": dict(tower="vit", data="train", pairs="large", loss="softmax", finetune=False),
    "rn-default": dict(tower="rn", data="train", pairs="large", loss="softmax", finetune=False),
    "vit-shape": dict(tower="vit", data="train-shape-only", pairs="large", loss="softmax", finetune=False),
    "vit-small": dict(tower="vit", data="train", pairs="small", loss="softmax", finetune=False),
    "vit-siglip": dict(tower="vit", data="train", pairs="large", loss="sigmoid", finetune=False),
    "vit-finetuned": dict(tower="vit", data="train", pairs="large", loss="softmax", finetune=True, base="vit-default"),
    # the data factor once more, with the CNN tower (rn-default is its texture-correlated twin)
    "rn-shape": dict(tower="rn", data="train-shape-only", pairs="large", loss="softmax", finetune=False),
}


# -- tokenizer (word-vocab) -----------------------------------------------------------------------

def build_vocab(words: Sequence[str]) -> List[str]:
    vocab = ["<pad>", "<unk>", "<sot>"]
    for w in words:
        if w not in vocab:
            vocab.append(w)
    vocab.append("<eot>")
    return vocab


class WordTokenizer:
    """The word-vocab tokenizer, exactly as the Java side implements it."""

    WORD = re.compile(r"[a-z0-9]+")

    def __init__(self, vocab: List[str], context_length: int):
        self.ids = {w: i for i, w in enumerate(vocab)}
        self.unk = self.ids["<unk>"]
        self.sot = self.ids["<sot>"]
        self.eot = len(vocab) - 1
        assert vocab[-1] == "<eot>" and vocab[0] == "<pad>"
        self.context_length = context_length

    def encode(self, text: str) -> List[int]:
        return [self.ids.get(w, self.unk) for w in self.WORD.findall(text.lower())]

    def tokenize(self, texts: Sequence[str]) -> torch.Tensor:
        out = torch.zeros(len(texts), self.context_length, dtype=torch.long)
        for i, t in enumerate(texts):
            ids = self.encode(t)[: self.context_length - 2]
            row = [self.sot] + ids + [self.eot]
            out[i, : len(row)] = torch.tensor(row)
        return out


# -- data -------------------------------------------------------------------------------------------

def read_manifest(set_dir: Path) -> List[dict]:
    with open(set_dir / "manifest.csv", newline="") as f:
        return list(csv.DictReader(f))


def load_images(set_dir: Path, rows: List[dict]) -> torch.Tensor:
    """N x 3 x H x W uint8, exactly the PNG bytes (no resize: the bundles take 64 px input as is)."""
    arr = np.stack([np.asarray(Image.open(set_dir / r["path"]).convert("RGB")) for r in rows])
    return torch.from_numpy(arr).permute(0, 3, 1, 2).contiguous()


MEAN = torch.tensor(CLIP_MEAN).view(1, 3, 1, 1)
STD = torch.tensor(CLIP_STD).view(1, 3, 1, 1)


def normalise(x_uint8: torch.Tensor) -> torch.Tensor:
    return (x_uint8.float() / 255.0 - MEAN) / STD


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def plural(noun: str) -> str:
    return noun + "es" if noun.endswith(("s", "x")) else noun + "s"


ATTRIBUTE_P = 0.5  # probability that a training caption names the colour, and (independently) the texture


def caption_variant(row: dict, rng: np.random.Generator) -> str:
    """A random caption consistent with the image's ground truth."""
    words = []
    if row["colour"] and rng.random() < ATTRIBUTE_P:
        words.append(row["colour"])
    if row["texture"] and rng.random() < ATTRIBUTE_P:
        words.append(row["texture"])
    n = int(row["n_objects"])
    shape = row["shape"]
    words.append(plural(shape) if n > 1 else shape)
    np_ = ("two " if n > 1 else article(words[0]) + " ") + " ".join(words)
    head = ["a photo of ", "a picture of ", "an image of ", ""][int(rng.integers(4))]
    cap = head + np_
    if rng.random() < 0.3:
        cap += f" on {article(row['background'])} {row['background']} background"
    return cap


# -- models -----------------------------------------------------------------------------------------

def build_model(tower: str, vocab_size: int) -> clip_model.CLIP:
    common = dict(embed_dim=64, context_length=CONTEXT_LENGTH, vocab_size=vocab_size,
                  text_width=48, text_layers=1, text_heads=2)
    if tower == "vit":
        return clip_model.tiny_vit(image_size=64, patch_size=16, width=64, layers=2, heads=2, **common)
    return clip_model.tiny_rn(image_size=64, width=8, blocks=(1, 1, 1, 1), heads=2, **common)


def arch_name(tower: str) -> str:
    return "ViT-tiny/16 (64px, width 64, 2 layers)" if tower == "vit" else "RN-tiny (64px, width 8, blocks 1-1-1-1)"


# -- training ---------------------------------------------------------------------------------------

def contrastive_loss(img, txt, scale, bias, kind):
    img = F.normalize(img, dim=-1)
    txt = F.normalize(txt, dim=-1)
    logits = scale * img @ txt.t()
    n = img.shape[0]
    if kind == "softmax":
        target = torch.arange(n)
        return 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target))
    # SigLIP (Zhai et al. 2023): every pair is a binary problem, +1 on the diagonal, -1 elsewhere
    labels = 2 * torch.eye(n) - 1
    return -F.logsigmoid(labels * (logits + bias)).sum() / n


def train_contrastive(spec: dict, images: torch.Tensor, rows: List[dict], tok: WordTokenizer, *, epochs: int,
                      batch: int, lr: float, seed: int, log) -> clip_model.CLIP:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = build_model(spec["tower"], len(tok.ids))
    bias = torch.nn.Parameter(torch.tensor(-10.0))
    if spec["loss"] == "sigmoid":
        with torch.no_grad():
            model.logit_scale.fill_(math.log(10.0))
    params = list(model.parameters()) + ([bias] if spec["loss"] == "sigmoid" else [])
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    n = images.shape[0]
    steps_per_epoch = max(1, n // batch)
    total = epochs * steps_per_epoch
    warm = max(1, total // 20)
    step = 0
    model.train()
    for ep in range(epochs):
        perm = torch.from_numpy(rng.permutation(n))
        tot = 0.0
        for b in range(steps_per_epoch):
            idx = perm[b * batch:(b + 1) * batch]
            x = normalise(images[idx])
            caps = [caption_variant(rows[int(i)], rng) for i in idx]
            t = tok.tokenize(caps)
            cur = lr * (step + 1) / warm if step < warm else 0.5 * lr * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))
            for g in opt.param_groups:
                g["lr"] = cur
            loss = contrastive_loss(model.encode_image(x), model.encode_text(t), model.logit_scale.exp(), bias, spec["loss"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            with torch.no_grad():
                model.logit_scale.clamp_(0, math.log(100))
            tot += float(loss)
            step += 1
        log(f"  epoch {ep + 1}/{epochs} loss {tot / steps_per_epoch:.4f} scale {float(model.logit_scale.exp()):.1f}")
    return model.eval()


def class_weights(text_fn, tok: WordTokenizer, classes: List[str], templates: List[str]) -> torch.Tensor:
    """Zero-shot classifier as the workbench builds it: mean of normalised prompt embeddings, renormalised."""
    ws = []
    with torch.no_grad():
        for c in classes:
            e = F.normalize(text_fn(tok.tokenize([t.replace("{c}", c) for t in templates])), dim=-1)
            ws.append(F.normalize(e.mean(0), dim=-1))
    return torch.stack(ws)


def finetune(model: clip_model.CLIP, images: torch.Tensor, labels: torch.Tensor, tok: WordTokenizer,
             classes: List[str], *, epochs: int, batch: int, lr: float, seed: int, log) -> clip_model.CLIP:
    """End-to-end fine-tuning of the image tower with cross-entropy on the class labels, against the
    (frozen) zero-shot head from the text tower -- so the exported text tower still is the head."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    head = class_weights(model.encode_text, tok, classes, PROMPT_TEMPLATES)
    opt = torch.optim.AdamW(model.visual.parameters(), lr=lr, weight_decay=0.05)
    scale = float(model.logit_scale.exp())
    n = images.shape[0]
    spe = n // batch
    model.train()
    for ep in range(epochs):
        perm = torch.from_numpy(rng.permutation(n))
        tot = 0.0
        for b in range(spe):
            idx = perm[b * batch:(b + 1) * batch]
            logits = scale * F.normalize(model.encode_image(normalise(images[idx])), dim=-1) @ head.t()
            loss = F.cross_entropy(logits, labels[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss)
        log(f"  fine-tune epoch {ep + 1}/{epochs} CE {tot / spe:.4f}")
    return model.eval()


# -- evaluation from the exported bundle ----------------------------------------------------------------

def evaluate_bundle(bundle_dir: Path, data: Path, classes: List[str]) -> dict:
    meta = json.loads((bundle_dir / "bundle.json").read_text())
    img_tower = torch.jit.load(str(bundle_dir / meta["image_encoder"]))
    txt_tower = torch.jit.load(str(bundle_dir / meta["text_encoder"]))
    vocab = json.loads((bundle_dir / meta["tokenizer"]["file"]).read_text())
    tok = WordTokenizer(vocab, meta["tokenizer"]["context_length"])
    w = class_weights(txt_tower, tok, classes, PROMPT_TEMPLATES)
    scale = meta["logit_scale"]
    out = {}
    for s in EVAL_SETS + ["cue-conflict"]:
        d = data / s
        if not (d / "manifest.csv").exists():
            continue
        rows = read_manifest(d)
        x = load_images(d, rows)
        with torch.no_grad():
            emb = torch.cat([F.normalize(img_tower(normalise(x[i:i + 256])), dim=-1) for i in range(0, len(rows), 256)])
        pred = (scale * emb @ w.t()).argmax(1).numpy()
        names = [classes[p] for p in pred]
        if s == "cue-conflict":
            shape_hits = sum(1 for r, p in zip(rows, names) if p == r["class"])
            tex_hits = sum(1 for r, p in zip(rows, names) if p == r["texture_class"])
            out["cue-conflict"] = {
                "shape_bias": shape_hits / max(1, shape_hits + tex_hits),
                "shape_match": shape_hits / len(rows), "texture_match": tex_hits / len(rows), "n": len(rows)}
        else:
            acc = float(np.mean([p == r["label"] for r, p in zip(rows, names)]))
            out[s] = {"top1": acc, "n": len(rows)}
    return out


# -- report -------------------------------------------------------------------------------------------

ROLES = {"test": "in-distribution", "outline": "shift", "novel-texture": "shift", "novel-background": "shift",
         "dark": "shift", "rotated": "shift", "cue-conflict": "cue-conflict", "ood": "ood", "rgbd": "rgbd",
         "captions": "captions", "multiview": "multiview"}


def markdown_table(results: dict) -> str:
    head = ["model", "factor varied"] + [f"{s} top-1" for s in EVAL_SETS] + ["shape bias", "train s (wall)", "train s (CPU)"]
    varied = {"vit-default": "— (default)", "rn-default": "image tower: CNN", "vit-shape": "data: shape-only",
              "vit-small": "data size: 800 pairs", "vit-siglip": "loss: sigmoid", "vit-finetuned": "fine-tuned (CE)",
              "rn-shape": "data: shape-only (CNN)"}
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in FAMILY:
        if name not in results:
            continue
        r = results[name]
        e = r.get("eval", {})
        cells = [f"`{name}`", varied.get(name, "")]
        cells += [f"{100 * e[s]['top1']:.1f}" if s in e else "–" for s in EVAL_SETS]
        cells.append(f"{e['cue-conflict']['shape_bias']:.2f}" if "cue-conflict" in e else "–")
        cells.append(str(r.get("train_seconds", "–")))
        cells.append(str(r.get("train_cpu_seconds", "–")))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_project(project_file: Path, bundles_dir: Path, data_dir: Path, results: dict) -> None:
    """sample-data/project.json: bundles, data sets and their roles, paths relative to the file."""
    base = project_file.parent
    bundles = []
    for name in FAMILY:
        d = bundles_dir / name
        if (d / "bundle.json").exists():
            bundles.append({"name": f"sample-{name}", "path": os.path.relpath(d, base),
                            "factors": results.get(name, {}).get("factors", FAMILY[name])})
    datasets = []
    for s, role in ROLES.items():
        m = data_dir / s / "manifest.csv"
        if m.exists():
            entry = {"name": s, "role": role, "manifest": os.path.relpath(m, base)}
            if s == "captions":
                entry["captions"] = os.path.relpath(data_dir / s / "captions.csv", base)
            datasets.append(entry)
    project = {
        "name": "clipwb sample lab",
        "description": "A procedural 16-class world and a family of small CLIP models trained on it, "
                       "varying one factor at a time (docs/sample-lab.md).",
        "world": os.path.relpath(data_dir / "sample-world.json", base),
        "prompts": PROMPTS,
        "default_bundle": "sample-vit-default",
        "bundles": bundles,
        "datasets": datasets,
        "regenerate": {"data": "clipwb sample generate --out DIR --seed 0",
                       "models": "/usr/bin/python3 tools/train_sample_models.py --data DIR --out sample-data/bundles"},
    }
    project_file.write_text(json.dumps(project, indent=2) + "\n")


# -- main ---------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="folder written by 'clipwb sample generate'")
    ap.add_argument("--out", required=True, type=Path, help="folder receiving one bundle per model")
    ap.add_argument("--models", default=",".join(FAMILY), help="comma-separated subset of " + ",".join(FAMILY))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--rn-epochs", type=int, default=10, help="epochs of the ResNet (slower per step on CPU)")
    ap.add_argument("--ft-epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--train-per-class", type=int, default=200, help="pairs per class of the 'large' training set")
    ap.add_argument("--small-per-class", type=int, default=50, help="pairs per class of the 'small' training set")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--results", type=Path, help="results JSON (default: OUT/training-results.json)")
    ap.add_argument("--report", action="store_true", help="only print the markdown table of the results file")
    ap.add_argument("--project", type=Path, help="also write the sample project description (e.g. sample-data/project.json)")
    ap.add_argument("--attribute-p", type=float, default=ATTRIBUTE_P,
                    help="probability that a training caption names the colour (and, independently, the texture)")
    args = ap.parse_args(argv)
    globals()["ATTRIBUTE_P"] = args.attribute_p
    if args.report:
        print(markdown_table(json.loads((args.results or args.out / "training-results.json").read_text())))
        return 0
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    world = json.loads((args.data / "sample-world.json").read_text())
    classes = world["classes"]
    vocab = build_vocab(world["vocabulary"])
    tok = WordTokenizer(vocab, CONTEXT_LENGTH)
    args.out.mkdir(parents=True, exist_ok=True)
    vocab_file = args.out / "vocab.json"
    vocab_file.write_text(json.dumps(vocab) + "\n")

    results_file = args.results or args.out / "training-results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    cache: Dict[str, tuple] = {}

    def train_set(name):
        if name not in cache:
            rows = read_manifest(args.data / name)
            cache[name] = (rows, load_images(args.data / name, rows))
        return cache[name]

    wanted = [m for m in args.models.split(",") if m]
    for m in wanted:
        if m not in FAMILY:
            ap.error(f"unknown model {m!r}; known: {', '.join(FAMILY)}")
    for name in wanted:
        spec = FAMILY[name]
        bdir = args.out / name
        entry = results.get(name, {})
        if not args.eval_only:
            t0, c0 = time.time(), time.process_time()
            log(f"[{name}] {spec}")
            rows, images = train_set(spec["data"])
            # rows interleave the classes, so a prefix is class-balanced
            n_large = min(len(rows), args.train_per_class * len(classes))
            rows, images = rows[:n_large], images[:n_large]
            if spec["pairs"] == "small":
                keep = args.small_per_class * len(classes)
                rows, images = rows[:keep], images[:keep]
            if spec["finetune"]:
                state = args.out / f"{spec['base']}.state.pt"  # written when the base model was trained
                if not state.exists():
                    raise SystemExit(f"{name} needs {spec['base']} trained first ({state} is missing)")
                model = build_model(spec["tower"], len(tok.ids))
                model.load_state_dict(torch.load(state))
                labels = torch.tensor([classes.index(r["label"]) for r in rows])
                model = finetune(model, images, labels, tok, classes, epochs=args.ft_epochs, batch=args.batch,
                                 lr=args.lr * 0.1, seed=args.seed + 1, log=log)
            else:
                epochs = args.rn_epochs if spec["tower"] == "rn" else args.epochs
                if spec["pairs"] == "small":  # same number of steps as the large set: only the data differ
                    epochs = int(round(epochs * n_large / len(rows)))
                model = train_contrastive(spec, images, rows, tok, epochs=epochs, batch=args.batch, lr=args.lr,
                                          seed=args.seed, log=log)
            if not spec["finetune"]:
                torch.save(model.state_dict(), args.out / f"{name}.state.pt")
            secs = time.time() - t0
            data_desc = {"train": "sample world, texture-correlated (p=0.95 class texture and colour)",
                         "train-shape-only": "sample world, shape-only (textures and colours shuffled)"}[spec["data"]]
            card = {
                "architecture_family": "ViT" if spec["tower"] == "vit" else "ResNet",
                "architecture_name": arch_name(spec["tower"]),
                "training_data": data_desc,
                "training_samples": len(rows),
                "fine_tuning": "end-to-end" if spec["finetune"] else "none",
                "loss": "softmax-infonce" if spec["loss"] == "softmax" else "sigmoid",
                "prompts": PROMPTS,
            }
            preprocess = {"input_size": 64, "resize": 64, "interpolation": "bicubic", "center_crop": True,
                          "mean": CLIP_MEAN, "std": CLIP_STD}
            tokenizer = {"kind": "word-vocab", "file": "vocab.json", "context_length": CONTEXT_LENGTH,
                         "sot": tok.sot, "eot": tok.eot}
            export_bundle(model, bdir, name=f"sample-{name}", preprocess=preprocess, tokenizer=tokenizer, card=card,
                          tokenizer_files=[vocab_file], seed=args.seed)
            entry = {"factors": spec, "card": card, "train_seconds": round(secs, 1),
                     "train_cpu_seconds": round(time.process_time() - c0, 1),
                     "epochs": args.ft_epochs if spec["finetune"] else epochs, "seed": args.seed}
            log(f"[{name}] trained and exported in {secs:.0f} s")
        entry["eval"] = evaluate_bundle(bdir, args.data, classes)
        log(f"[{name}] " + json.dumps(entry["eval"]))
        results[name] = entry
        results_file.write_text(json.dumps(results, indent=2) + "\n")
    if args.project:
        write_project(args.project, args.out, args.data, results)
    print(markdown_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
