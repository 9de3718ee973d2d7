#!/usr/bin/env python3
"""Export a CLIP model as a workbench bundle (``bundle.json`` + TorchScript towers).

Library use (e.g. after training a model built with ``tools/clip_model.py``)::

    from export_bundle import export_bundle
    export_bundle(model, "out/my-model", name="my-model",
                  preprocess={"input_size": 64, "resize": 64, "interpolation": "bicubic",
                              "center_crop": True, "mean": [...], "std": [...]},
                  tokenizer={"kind": "word-vocab", "file": "vocab.json", "context_length": 16,
                             "sot": 998, "eot": 999},  # EOT = the largest id (CLIP pools at argmax)
                  card={"architecture_family": "ViT", "architecture_name": "ViT-tiny/8",
                        "training_data": "...", "training_samples": 20000, "fine_tuning": "none",
                        "loss": "softmax-infonce", "prompts": "single"},
                  tokenizer_files=["out/vocab.json"])

Command line (see docs/bundles.md)::

    python3 tools/export_bundle.py --tiny-random vit --out DIR [--seed 0] [--fixtures]
    python3 tools/export_bundle.py --open-clip ViT-B-32 laion2b_s34b_b79k --out DIR
    python3 tools/export_bundle.py --hf openai/clip-vit-base-patch32 --out DIR
    python3 tools/export_bundle.py --random-vit-b32 /tmp/vitb32_image.pt

What a model passed to :func:`export_bundle` must offer
  * ``encode_image(x)``: N x 3 x H x W float32 (normalised) -> N x D;
  * ``encode_text(t)``: N x context_length int64 -> N x D;
  * optionally ``encode_patches(x)`` -> N x (gh*gw) x d, with ``patch_grid`` = (gh, gw);
  * ``logit_scale``: a log-temperature parameter (exported as ``exp(logit_scale)``), unless
    ``logit_scale=`` is given;
  * optionally ``export_towers()`` returning ``{"image": module, "text": module, "patch": module}``,
    modules whose ``forward`` computes the tower and which hold only that tower's weights. Without
    it every traced file would carry the whole model's weights (tracing keeps all submodules).

Each tower is traced with ``torch.jit.trace`` on a batch of 2 and then checked against the eager
model on a batch of 3 with other values (so a trace that froze the batch size or a data-dependent
branch is refused), before anything is written.  Files are written to a temporary folder and moved
into place, so a failed export leaves no half-written bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import torch
from torch import nn

# ExportError and the tower wrappers live in bundle_common, which sources.py imports too: run as a
# script this file is __main__, and a sources.py importing it would get a second module with a
# second ExportError class that main()'s except clause would not catch.
from bundle_common import ExportError, _Method, without_children  # noqa: E402,F401

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

FORMAT = "clipwb-bundle"
VERSION = 1

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
CLIP_SOT = 49406
CLIP_EOT = 49407
SHARED_BPE = "shared:data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz"

INTERPOLATIONS = ("bicubic", "bilinear")
TOKENIZER_KINDS = ("openai-clip-bpe", "hf-tokenizer-json", "word-vocab")
FAMILIES = ("ViT", "ResNet", "ConvNeXt")
FINE_TUNING = ("none", "end-to-end", "contrastive", "parameter-efficient")
LOSSES = ("softmax-infonce", "sigmoid")

# eager vs traced on a fresh batch: anything above this means the trace is not the model
TRACE_TOLERANCE = 1e-4


# ---------------------------------------------------------------------------------------------
# validation of the three descriptive dicts (mirrors io.clipwb.core.model.BundleLoader)
# ---------------------------------------------------------------------------------------------

def _check_dicts(preprocess: dict, tokenizer: dict, card: dict) -> None:
    errors: List[str] = []

    def need(d: dict, where: str, key: str, kinds, cond=None, msg=""):
        if key not in d:
            errors.append(f"{where}.{key}: missing")
            return
        v = d[key]
        if isinstance(v, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
            errors.append(f"{where}.{key}: expected {kinds}, got a boolean")
            return
        if not isinstance(v, kinds):
            errors.append(f"{where}.{key}: expected {kinds}, got {type(v).__name__} {v!r}")
            return
        if cond is not None and not cond(v):
            errors.append(f"{where}.{key}: {msg} (got {v!r})")

    p = preprocess
    need(p, "preprocess", "input_size", int, lambda v: v > 0, "must be positive")
    need(p, "preprocess", "resize", int, lambda v: v > 0, "must be positive")
    need(p, "preprocess", "interpolation", str, lambda v: v in INTERPOLATIONS, f"must be one of {INTERPOLATIONS}")
    need(p, "preprocess", "center_crop", bool)
    for k in ("mean", "std"):
        need(p, "preprocess", k, (list, tuple), lambda v: len(v) == 3 and all(isinstance(x, (int, float)) for x in v),
             "must be 3 numbers")
    if isinstance(p.get("std"), (list, tuple)) and any(isinstance(x, (int, float)) and x <= 0 for x in p["std"]):
        errors.append("preprocess.std: values must be positive")
    if isinstance(p.get("resize"), int) and isinstance(p.get("input_size"), int) and p["resize"] < p["input_size"]:
        errors.append("preprocess.resize: smaller than input_size, the center crop would not fit")

    t = tokenizer
    need(t, "tokenizer", "kind", str, lambda v: v in TOKENIZER_KINDS, f"must be one of {TOKENIZER_KINDS}")
    need(t, "tokenizer", "file", str, lambda v: len(v) > 0, "must not be empty")
    need(t, "tokenizer", "context_length", int, lambda v: v >= 2, "must be at least 2")
    need(t, "tokenizer", "sot", int, lambda v: v >= 0, "must be >= 0")
    need(t, "tokenizer", "eot", int, lambda v: v >= 0, "must be >= 0")

    c = card
    need(c, "card", "architecture_family", str, lambda v: v in FAMILIES, f"must be one of {FAMILIES}")
    need(c, "card", "architecture_name", str, lambda v: len(v) > 0, "must not be empty")
    need(c, "card", "training_data", str, lambda v: len(v) > 0, "must not be empty")
    need(c, "card", "training_samples", int, lambda v: v >= 0, "must be >= 0 (0 = unknown)")
    need(c, "card", "fine_tuning", str, lambda v: v in FINE_TUNING, f"must be one of {FINE_TUNING}")
    need(c, "card", "loss", str, lambda v: v in LOSSES, f"must be one of {LOSSES}")
    need(c, "card", "prompts", str, lambda v: len(v) > 0, "must not be empty")
    if errors:
        raise ExportError("invalid bundle description:\n  " + "\n  ".join(errors))


# ---------------------------------------------------------------------------------------------
# tracing
# ---------------------------------------------------------------------------------------------

def example_tokens(batch: int, context_length: int, sot: int, eot: int, seed: int, max_id: Optional[int] = None) -> torch.Tensor:
    """Token rows shaped like a tokenizer's output: SOT, a few ids, EOT, zero padding."""
    g = torch.Generator().manual_seed(seed)
    hi = min(sot, eot) if max_id is None else max_id
    hi = max(hi, 2)
    rows = torch.zeros(batch, context_length, dtype=torch.long)
    for i in range(batch):
        n = int(torch.randint(0, max(1, context_length - 2), (1,), generator=g))
        if i == batch - 1:
            n = context_length - 2  # one full-length row
        rows[i, 0] = sot
        if n > 0:
            rows[i, 1 : n + 1] = torch.randint(1, hi, (n,), generator=g)
        rows[i, n + 1] = eot
    return rows


def example_images(batch: int, size: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(batch, 3, size, size, generator=g)


def _trace(name: str, module: nn.Module, example: torch.Tensor, check: torch.Tensor, eager) -> torch.jit.ScriptModule:
    module = module.eval()
    with torch.no_grad():
        try:
            traced = torch.jit.trace(module, (example,), check_trace=False)
        except Exception as e:  # noqa: BLE001 - reported with the tower's name
            raise ExportError(f"cannot trace the {name} tower: {e}") from e
        want = eager(check)
        try:
            got = traced(check)
        except Exception as e:  # noqa: BLE001
            raise ExportError(f"{name} tower: the trace fails on a batch of {check.shape[0]} "
                              f"(did it freeze the batch size?): {str(e).splitlines()[0] if str(e) else e}") from e
    if tuple(want.shape) != tuple(got.shape):
        raise ExportError(f"{name} tower: trace gives shape {tuple(got.shape)} on a batch of {check.shape[0]}, "
                          f"the model {tuple(want.shape)} (did the trace freeze the batch size?)")
    diff = float((want - got).abs().max()) if want.numel() else 0.0
    if not math.isfinite(diff) or diff > TRACE_TOLERANCE:
        raise ExportError(f"{name} tower: traced output differs from the model by {diff:g} on fresh input")
    return traced


def save_traced(traced: torch.jit.ScriptModule, path: Path) -> None:
    """torch.jit.save without the *.debug_pkl records.

    Those records hold the Python call stack of the trace -- absolute source paths and line numbers
    of the exporting machine. Dropping them makes the files reproducible byte for byte (and a bit
    smaller); they only serve error messages. Data records stay uncompressed and 64-byte aligned, as
    PyTorch writes them.
    """
    import zipfile

    # saved under the same file name (elsewhere) first: PyTorch names the archive's folder after it
    rawdir = Path(tempfile.mkdtemp(prefix=".raw.", dir=path.parent))
    raw = rawdir / path.name
    traced.save(str(raw))
    try:
        with zipfile.ZipFile(raw) as src, open(path, "wb") as f, zipfile.ZipFile(f, "w") as dst:
            for info in src.infolist():
                if info.filename.endswith(".debug_pkl"):
                    continue
                data = src.read(info)
                out = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                out.compress_type = zipfile.ZIP_STORED
                # pad the local header's extra field so that the data starts on a 64-byte boundary
                header = 30 + len(info.filename.encode("utf-8"))
                pad = (-(f.tell() + header + 4)) % 64
                out.extra = b"FB" + pad.to_bytes(2, "little") + b"Z" * pad
                dst.writestr(out, data)
    finally:
        shutil.rmtree(rawdir, ignore_errors=True)


def _towers(model: nn.Module, with_patches: bool) -> Dict[str, nn.Module]:
    if hasattr(model, "export_towers"):
        towers = dict(model.export_towers())
    else:
        towers = {"image": _Method(model, "encode_image"), "text": _Method(model, "encode_text")}
        if hasattr(model, "encode_patches"):
            towers["patch"] = _Method(model, "encode_patches")
    if not with_patches:
        towers.pop("patch", None)
    return towers


# ---------------------------------------------------------------------------------------------
# the export
# ---------------------------------------------------------------------------------------------

def export_bundle(
    model: nn.Module,
    out_dir,
    *,
    name: str,
    preprocess: dict,
    tokenizer: dict,
    card: dict,
    tokenizer_files: Sequence = (),
    logit_scale: Optional[float] = None,
    patches: bool = True,
    patch_grid: Optional[Sequence[int]] = None,
    fixtures: bool = False,
    seed: int = 0,
    overwrite: bool = True,
) -> dict:
    """Trace ``model``'s towers and write a bundle folder ``out_dir``; returns the bundle.json dict.

    Args:
        model: see the module docstring for what it must offer. Put in eval mode here.
        out_dir: the bundle folder (created; replaced when ``overwrite``).
        name: short model name used in results.
        preprocess / tokenizer / card: the bundle.json sections (docs/bundles.md).
        tokenizer_files: files copied into the bundle (e.g. tokenizer.json, a word vocabulary);
            ``tokenizer["file"]`` must then name one of them (or start with ``shared:``).
        logit_scale: exp(t); default ``exp(model.logit_scale)``.
        patches: export the patch tower when the model has one.
        patch_grid: (gh, gw); default ``model.patch_grid`` or the square root of the token count.
        fixtures: also write ``expected.json`` + ``expected_images.npy`` (eager outputs on fixed inputs).
        seed: seed of the example and fixture inputs.
    """
    _check_dicts(preprocess, tokenizer, card)
    out_dir = Path(out_dir)
    tok_files = [Path(f) for f in tokenizer_files]
    for f in tok_files:
        if not f.is_file():
            raise ExportError(f"tokenizer file {f} does not exist")
    tfile = tokenizer["file"]
    if not tfile.startswith("shared:") and tfile not in [f.name for f in tok_files]:
        raise ExportError(f"tokenizer.file {tfile!r} is neither 'shared:...' nor one of tokenizer_files "
                          f"{[f.name for f in tok_files]}")
    if out_dir.exists() and not overwrite:
        raise ExportError(f"{out_dir} exists (pass overwrite=True to replace it)")

    model = model.eval()
    size = preprocess["input_size"]
    ctx = tokenizer["context_length"]
    sot, eot = tokenizer["sot"], tokenizer["eot"]
    vocab = getattr(model, "vocab_size", None)
    if vocab is not None:
        if max(sot, eot) >= vocab:
            raise ExportError(f"tokenizer sot/eot ({sot}/{eot}) outside the model's vocabulary of {vocab}")
    max_id = min(sot, eot)
    if vocab is not None and eot != vocab - 1:
        print(f"export_bundle: warning: eot id {eot} is not the largest id ({vocab - 1}); CLIP-style text towers "
              "pool at argmax(id) and need EOT to be the largest", file=sys.stderr)
    if getattr(model, "context_length", ctx) != ctx:
        raise ExportError(f"tokenizer.context_length {ctx} != the model's context length {model.context_length}")

    towers = _towers(model, patches)
    img_ex, img_chk = example_images(2, size, seed), example_images(3, size, seed + 1)
    txt_ex = example_tokens(2, ctx, sot, eot, seed, max_id)
    txt_chk = example_tokens(3, ctx, sot, eot, seed + 1, max_id)

    traced: Dict[str, torch.jit.ScriptModule] = {}
    traced["image"] = _trace("image", towers["image"], img_ex, img_chk, model.encode_image)
    traced["text"] = _trace("text", towers["text"], txt_ex, txt_chk, model.encode_text)
    if "patch" in towers:
        traced["patch"] = _trace("patch", towers["patch"], img_ex, img_chk, model.encode_patches)

    with torch.no_grad():
        img_out = model.encode_image(img_chk)
        txt_out = model.encode_text(txt_chk)
        if img_out.dim() != 2 or txt_out.dim() != 2:
            raise ExportError(f"towers must return N x D; image gives {tuple(img_out.shape)}, text {tuple(txt_out.shape)}")
        embed_dim = int(img_out.shape[1])
        if int(txt_out.shape[1]) != embed_dim:
            raise ExportError(f"image tower gives {embed_dim} dims but text tower {int(txt_out.shape[1])}")
        grid = None
        if "patch" in traced:
            p = model.encode_patches(img_chk)
            if p.dim() != 3:
                raise ExportError(f"patch tower must return N x (gh*gw) x d, gives {tuple(p.shape)}")
            grid = list(patch_grid) if patch_grid is not None else list(getattr(model, "patch_grid", ()) or ())
            if not grid:
                s = int(round(math.sqrt(p.shape[1])))
                if s * s != p.shape[1]:
                    raise ExportError(f"cannot infer the patch grid from {p.shape[1]} tokens; pass patch_grid")
                grid = [s, s]
            if grid[0] * grid[1] != p.shape[1]:
                raise ExportError(f"patch_grid {grid} does not hold the {p.shape[1]} patch tokens")
        if logit_scale is None:
            if not hasattr(model, "logit_scale"):
                raise ExportError("the model has no logit_scale; pass logit_scale=")
            logit_scale = float(torch.as_tensor(model.logit_scale).exp())

    bundle: Dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "image_encoder": "image_encoder.pt",
        "text_encoder": "text_encoder.pt",
    }
    if "patch" in traced:
        bundle["patch_encoder"] = "patch_encoder.pt"
        bundle["patch_grid"] = [int(grid[0]), int(grid[1])]
    bundle["embed_dim"] = embed_dim
    bundle["logit_scale"] = float(logit_scale)
    bundle["preprocess"] = {
        "input_size": preprocess["input_size"],
        "resize": preprocess["resize"],
        "interpolation": preprocess["interpolation"],
        "center_crop": preprocess["center_crop"],
        "mean": [float(x) for x in preprocess["mean"]],
        "std": [float(x) for x in preprocess["std"]],
    }
    bundle["tokenizer"] = {k: tokenizer[k] for k in ("kind", "file", "context_length", "sot", "eot")}
    bundle["card"] = {k: card[k] for k in ("architecture_family", "architecture_name", "training_data",
                                           "training_samples", "fine_tuning", "loss", "prompts")}

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".", dir=out_dir.parent))
    try:
        save_traced(traced["image"], tmp / "image_encoder.pt")
        save_traced(traced["text"], tmp / "text_encoder.pt")
        if "patch" in traced:
            save_traced(traced["patch"], tmp / "patch_encoder.pt")
        for f in tok_files:
            shutil.copyfile(f, tmp / f.name)
        (tmp / "bundle.json").write_text(json.dumps(bundle, indent=2) + "\n")
        if fixtures:
            write_fixtures(model, tmp, bundle, seed=seed, traced=traced)
        os.chmod(tmp, 0o755)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return bundle


def write_fixtures(model: nn.Module, out_dir: Path, bundle: dict, *, seed: int, traced=None) -> None:
    """expected.json (+ expected_images.npy): the eager model's outputs on fixed inputs.

    Images: 3 seeded standard-normal NCHW images (already "normalised" input), stored as float32
    .npy because Java cannot replay torch's generator. Tokens: "a photo of a cat" in CLIP ids (when
    the bundle uses CLIP's BPE), the empty text, a full-length row and a random short row.
    """
    import numpy as np

    size = bundle["preprocess"]["input_size"]
    tok = bundle["tokenizer"]
    ctx, sot, eot = tok["context_length"], tok["sot"], tok["eot"]
    images = example_images(3, size, seed + 100)
    rows = []
    if tok["kind"] == "openai-clip-bpe":
        rows.append([sot, 320, 1125, 539, 320, 2368, eot])  # "a photo of a cat"
    rows.append([sot, eot])
    tokens = torch.zeros(len(rows), ctx, dtype=torch.long)
    for i, r in enumerate(rows):
        tokens[i, : len(r)] = torch.tensor(r[:ctx])
    tokens = torch.cat([tokens, example_tokens(2, ctx, sot, eot, seed + 100, min(sot, eot))[[1, 0]]])
    with torch.no_grad():
        img = model.encode_image(images)
        txt = model.encode_text(tokens)
        pat = model.encode_patches(images) if "patch_encoder" in bundle else None
    np.save(out_dir / "expected_images.npy", images.numpy().astype(np.float32))
    expected: Dict[str, Any] = {
        "about": "PyTorch (eager) outputs of this bundle's model on fixed inputs; written by tools/export_bundle.py --fixtures",
        "torch_version": torch.__version__,
        "seed": seed,
        "images_file": "expected_images.npy",
        "images_shape": list(images.shape),
        "tokens": tokens.tolist(),
        "image_embeddings": img.tolist(),
        "text_embeddings": txt.tolist(),
    }
    if pat is not None:
        expected["patch_features"] = pat.tolist()
    if traced is not None:  # how far TorchScript-in-PyTorch is from eager, for the record
        with torch.no_grad():
            d = max(float((traced["image"](images) - img).abs().max()), float((traced["text"](tokens) - txt).abs().max()))
        expected["traced_vs_eager_max_abs_diff"] = d
    (out_dir / "expected.json").write_text(json.dumps(expected) + "\n")


# ---------------------------------------------------------------------------------------------
# sources: tiny random (tools/clip_model.py), open_clip, Hugging Face
# ---------------------------------------------------------------------------------------------

def _randomize_batchnorm(model: nn.Module, seed: int) -> None:
    """Give every BatchNorm non-trivial affine weights and running statistics, so that fixtures
    exercise the eval-mode BN arithmetic (CLIP's init zeroes bn3 and leaves mean 0 / var 1)."""
    g = torch.Generator().manual_seed(seed + 7)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            with torch.no_grad():
                m.weight.copy_(0.5 + torch.rand(n, generator=g))
                m.bias.copy_(0.1 * torch.randn(n, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(n, generator=g))
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))


def tiny_random(kind: str, seed: int = 0):
    """A small random CLIP of CLIP's exact architecture plus its bundle description."""
    import clip_model

    torch.manual_seed(seed)
    if kind == "vit":
        model = clip_model.tiny_vit()
        arch = "ViT-tiny/8 (random)"
    elif kind == "rn":
        model = clip_model.tiny_rn()
        _randomize_batchnorm(model, seed)
        arch = "RN-tiny (random)"
    else:
        raise ExportError(f"--tiny-random takes vit or rn, not {kind!r}")
    model.eval()
    size = model.image_resolution
    preprocess = {"input_size": size, "resize": size, "interpolation": "bicubic", "center_crop": True,
                  "mean": CLIP_MEAN, "std": CLIP_STD}
    tokenizer = {"kind": "openai-clip-bpe", "file": SHARED_BPE, "context_length": model.context_length,
                 "sot": CLIP_SOT, "eot": CLIP_EOT}
    card = {"architecture_family": model.architecture_family, "architecture_name": arch,
            "training_data": "none (random weights)", "training_samples": 0, "fine_tuning": "none",
            "loss": "softmax-infonce", "prompts": "imagenet-80"}
    return model, preprocess, tokenizer, card


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--tiny-random", choices=("vit", "rn"), help="a small random model of CLIP's architecture")
    src.add_argument("--open-clip", nargs=2, metavar=("ARCH", "PRETRAINED"), help="an open_clip model (needs open_clip)")
    src.add_argument("--hf", metavar="MODEL_ID_OR_DIR", help="a Hugging Face CLIPModel (needs transformers)")
    src.add_argument("--random-vit-b32", metavar="OUT_FILE", help="only a random ViT-B/32 image tower (benchmarks)")
    ap.add_argument("--out", help="bundle folder to write")
    ap.add_argument("--name", help="bundle name (default: from the source)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fixtures", action="store_true", help="also write expected.json with PyTorch's outputs")
    ap.add_argument("--no-patches", action="store_true", help="do not export the patch tower")
    ap.add_argument("--training-data", help="card.training_data override")
    ap.add_argument("--training-samples", type=int, help="card.training_samples override (image-text pairs)")
    ap.add_argument("--fine-tuning", choices=FINE_TUNING, help="card.fine_tuning override")
    ap.add_argument("--loss", choices=LOSSES, help="card.loss override")
    ap.add_argument("--prompts", help="card.prompts override (default imagenet-80)")
    args = ap.parse_args(argv)
    try:
        if args.random_vit_b32:
            return export_random_vit_b32(args.random_vit_b32, args.seed)
        if not args.out:
            ap.error("--out DIR is required")
        if args.tiny_random:
            model, pre, tok, card = tiny_random(args.tiny_random, args.seed)
            name = args.name or f"tiny-{args.tiny_random}"
            files: List[Path] = []
        elif args.open_clip:
            import sources

            model, pre, tok, card, files, name = sources.open_clip_source(*args.open_clip)
            name = args.name or name
        else:
            import sources

            model, pre, tok, card, files, name = sources.hf_source(args.hf)
            name = args.name or name
        for key, val in (("training_data", args.training_data), ("training_samples", args.training_samples),
                         ("fine_tuning", args.fine_tuning), ("loss", args.loss), ("prompts", args.prompts)):
            if val is not None:
                card[key] = val
        b = export_bundle(model, args.out, name=name, preprocess=pre, tokenizer=tok, card=card,
                          tokenizer_files=files, patches=not args.no_patches, fixtures=args.fixtures, seed=args.seed)
        sizes = {f: os.path.getsize(Path(args.out) / f) for f in os.listdir(args.out)}
        print(json.dumps({"bundle": str(args.out), "embed_dim": b["embed_dim"], "files": sizes}), file=sys.stderr)
        return 0
    except ExportError as e:
        print(f"export_bundle: {e}", file=sys.stderr)
        return 2


def export_random_vit_b32(out_file: str, seed: int = 0) -> int:
    """A randomly initialised ViT-B/32-sized image tower (224 px -> 512), for throughput benchmarks."""
    import clip_model

    torch.manual_seed(seed)
    model = clip_model.vit_b32().eval()
    tower = model.export_towers()["image"]
    x = example_images(2, 224, seed)
    with torch.no_grad():
        traced = torch.jit.trace(tower, (x,), check_trace=False)
    out = Path(out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_traced(traced, out)
    print(json.dumps({"file": str(out), "bytes": out.stat().st_size, "input": [32, 3, 224, 224], "output_dim": 512}),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
