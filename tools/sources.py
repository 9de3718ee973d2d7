"""Adapters that turn library CLIP models into what ``export_bundle.export_bundle`` traces.

* :func:`open_clip_source` -- an ``open_clip`` (github.com/mlfoundations/open_clip) model given as
  ``(arch, pretrained)``; preprocessing is read from the library's own eval transform, the tokenizer
  from ``open_clip.get_tokenizer``.
* :func:`hf_source` -- a Hugging Face ``transformers.CLIPModel`` (hub id or local folder), with its
  ``CLIPImageProcessor`` and fast tokenizer.

NOT RUN IN THIS REPOSITORY'S CI: neither library nor any real weights are reachable on the machines
this was written on. The code follows the libraries' public APIs (open_clip 2.2x, transformers 4.3x+)
and every traced tower is still checked against the library's own eager output on a fresh batch by
``export_bundle`` before anything is written, so a mismatch fails loudly instead of producing a
wrong bundle. Re-export the tiny bundles and run the DJL fixture test after changing this file.

Each source returns ``(model, preprocess, tokenizer, card, tokenizer_files, name)``; ``model``
offers ``encode_image``, ``encode_text``, optionally ``encode_patches``/``patch_grid``,
``logit_scale`` (log) and ``export_towers()``.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Tuple

import torch
from torch import nn

from bundle_common import ExportError, _Method, without_children

# Training-set sizes (image-text pairs in the data set, not samples seen) of well-known pretrained
# tags, by tag prefix. Sources: the open_clip pretrained table / model cards and the data sets' papers.
# Unknown tags get ("unknown", 0); pass --training-data / --training-samples to fill them in.
_OPEN_CLIP_DATA = [
    ("openai", "OpenAI WIT", 400_000_000),
    ("laion400m", "LAION-400M", 407_000_000),
    ("laion2b", "LAION-2B", 2_320_000_000),
    ("laion5b", "LAION-5B", 5_850_000_000),
    ("laion_aesthetic", "LAION-Aesthetic", 900_000_000),
    ("datacomp_xl", "DataComp-1B", 1_400_000_000),
    ("datacomp_l", "DataComp-L (filtered)", 140_000_000),
    ("datacomp_m", "DataComp-M (filtered)", 14_000_000),
    ("datacomp_s", "DataComp-S (filtered)", 1_400_000),
    ("commonpool_xl", "CommonPool-XL", 12_800_000_000),
    ("commonpool_l", "CommonPool-L", 1_280_000_000),
    ("commonpool_m", "CommonPool-M", 128_000_000),
    ("commonpool_s", "CommonPool-S", 12_800_000),
    ("dfn2b", "DFN-2B", 2_000_000_000),
    ("dfn5b", "DFN-5B", 5_000_000_000),
    ("metaclip_400m", "MetaCLIP-400M", 400_000_000),
    ("metaclip_fullcc", "MetaCLIP-2.5B", 2_500_000_000),
    ("yfcc15m", "YFCC-15M", 15_000_000),
    ("cc12m", "CC12M", 12_000_000),
    ("webli", "WebLI", 10_000_000_000),
]


def _data_of(tag: str) -> Tuple[str, int]:
    t = tag.lower()
    for prefix, name, n in _OPEN_CLIP_DATA:
        if t.startswith(prefix):
            return name, n
    print(f"export_bundle: training data of pretrained tag {tag!r} unknown; card says 'unknown', 0 samples "
          f"(set --training-data/--training-samples)", file=sys.stderr)
    return "unknown", 0


def _interp_name(mode) -> str:
    """torchvision InterpolationMode / PIL filter int -> 'bicubic' | 'bilinear'."""
    name = getattr(mode, "value", mode)
    if isinstance(name, int):
        name = {2: "bilinear", 3: "bicubic"}.get(name, str(name))
    name = str(name).lower()
    if name not in ("bicubic", "bilinear"):
        raise ExportError(f"interpolation {mode!r} is not supported by bundle version 1 (bicubic|bilinear)")
    return name


def _preprocess_from_transforms(transform, source: str) -> dict:
    """Reads resize / center crop / normalize from a torchvision Compose (the library's eval transform)."""
    from torchvision import transforms as T

    resize = crop = interp = mean = std = None
    for t in getattr(transform, "transforms", [transform]):
        if isinstance(t, T.Resize):
            size = t.size
            if isinstance(size, (list, tuple)):
                if len(size) == 1:
                    size = size[0]
                else:
                    raise ExportError(f"{source}: Resize to {tuple(size)} (squash) is not a shorter-side resize; "
                                      "bundle version 1 cannot describe it")
            if getattr(t, "max_size", None):
                raise ExportError(f"{source}: Resize with max_size is not supported")
            resize, interp = int(size), _interp_name(t.interpolation)
        elif isinstance(t, T.CenterCrop):
            cs = t.size if isinstance(t.size, (list, tuple)) else (t.size, t.size)
            if cs[0] != cs[1]:
                raise ExportError(f"{source}: non-square center crop {tuple(cs)} is not supported")
            crop = int(cs[0])
        elif isinstance(t, T.Normalize):
            mean, std = [float(x) for x in t.mean], [float(x) for x in t.std]
        elif type(t).__name__ in ("ToTensor", "PILToTensor", "ConvertImageDtype", "function", "partial", "Lambda"):
            continue  # to tensor, convert("RGB"): what every bundle's preprocessing does anyway
        else:
            raise ExportError(f"{source}: transform {type(t).__name__} is not supported by bundle version 1 "
                              "(resize shorter side, center crop, normalize)")
    if resize is None or mean is None:
        raise ExportError(f"{source}: could not find Resize and Normalize in the eval transform {transform}")
    return {"input_size": crop or resize, "resize": resize, "interpolation": interp, "center_crop": crop is not None,
            "mean": mean, "std": std}


# ---------------------------------------------------------------------------------------------
# open_clip
# ---------------------------------------------------------------------------------------------

class _VisualOnly(nn.Module):
    def __init__(self, visual: nn.Module):
        super().__init__()
        self.visual = visual

    def forward(self, x):
        return self.visual(x)


class _OpenClipVitPatches(nn.Module):
    """open_clip VisionTransformer with output_tokens: ln_post'ed patch tokens @ proj."""

    def __init__(self, visual: nn.Module):
        super().__init__()
        v = copy.copy(visual)  # own __dict__, shared parameters
        v.output_tokens = True
        self.visual = v
        self.ln_after = bool(getattr(visual, "final_ln_after_pool", False))

    def forward(self, x):
        _, tokens = self.visual(x)
        if self.ln_after:
            tokens = self.visual.ln_post(tokens)
        return tokens @ self.visual.proj


class _FeatureMapPatches(nn.Module):
    """A CNN tower whose pooling head is replaced by identity: N x C x h x w -> N x (h*w) x C."""

    def __init__(self, visual: nn.Module, head: str):
        super().__init__()
        v = copy.copy(visual)
        v._modules = dict(visual._modules)
        v._modules[head] = nn.Identity()
        self.visual = v

    def forward(self, x):
        f = self.visual(x)
        return f.flatten(start_dim=2).permute(0, 2, 1)


class OpenClipAdapter(nn.Module):
    def __init__(self, model: nn.Module, image_size: int, context_length: int):
        super().__init__()
        self.model = model
        self.logit_scale = model.logit_scale
        self.context_length = context_length
        v = model.visual
        kind = type(v).__name__
        self._patch: Optional[nn.Module] = None
        self.patch_grid = None
        if kind == "VisionTransformer" and getattr(v, "attn_pool", None) is None and getattr(v, "pool_type", "tok") == "tok" \
                and getattr(v, "proj", None) is not None:
            self._patch = _OpenClipVitPatches(v)
            self.patch_grid = tuple(int(g) for g in v.grid_size)
        elif kind == "ModifiedResNet" and hasattr(v, "attnpool"):
            self._patch = _FeatureMapPatches(v, "attnpool")
            s = image_size // 32
            self.patch_grid = (s, s)
        else:
            print(f"export_bundle: no patch tower for visual type {kind}", file=sys.stderr)

    def encode_image(self, x):
        return self.model.encode_image(x)

    def encode_text(self, t):
        return self.model.encode_text(t)

    def encode_patches(self, x):
        if self._patch is None:
            raise ExportError("this model has no patch tower")
        return self._patch(x)

    def export_towers(self):
        towers = {"image": _VisualOnly(self.model.visual),
                  "text": _Method(without_children(self.model, "visual"), "encode_text")}
        if self._patch is not None:
            towers["patch"] = self._patch
        return towers


def open_clip_source(arch: str, pretrained: str):
    try:
        import open_clip
    except ImportError as e:
        raise ExportError("--open-clip needs the open_clip package (pip install open_clip_torch)") from e
    model, _, preprocess_val = open_clip.create_model_and_transforms(arch, pretrained=pretrained, device="cpu")
    model = model.eval()
    pre = _preprocess_from_transforms(preprocess_val, f"open_clip {arch}/{pretrained}")
    tok = open_clip.get_tokenizer(arch)
    files: List[Path] = []
    ctx = int(getattr(tok, "context_length", None) or getattr(model, "context_length", 77))
    tname = type(tok).__name__
    if tname == "SimpleTokenizer":
        sot = tok.encoder["<start_of_text>"]
        eot = tok.encoder["<end_of_text>"]
        clean = getattr(tok, "clean_fn", None)
        if clean is not None and getattr(clean, "func", clean).__name__ not in ("_clean_lower", "whitespace_clean"):
            print(f"export_bundle: warning: tokenizer cleaning {clean} differs from OpenAI's; the workbench's "
                  "openai-clip-bpe tokenizer applies OpenAI's (lower case + whitespace)", file=sys.stderr)
        bpe = Path(open_clip.tokenizer.default_bpe())
        files.append(bpe)
        tokenizer = {"kind": "openai-clip-bpe", "file": bpe.name, "context_length": ctx, "sot": sot, "eot": eot}
    elif tname == "HFTokenizer":
        hf = tok.tokenizer
        tokenizer, f = _hf_tokenizer_spec(hf, ctx, f"open_clip {arch}")
        files.append(f)
    else:
        raise ExportError(f"open_clip tokenizer {tname} is not supported by bundle version 1 "
                          "(needs [SOT] ids [EOT] with zero padding)")

    visual_kind = type(model.visual).__name__
    a = arch.lower()
    if visual_kind == "VisionTransformer" or a.startswith("vit") or "vit-" in a:
        family = "ViT"
    elif visual_kind == "ModifiedResNet" or a.startswith("rn"):
        family = "ResNet"
    elif "convnext" in a:
        family = "ConvNeXt"
    else:
        raise ExportError(f"cannot tell the architecture family of {arch} ({visual_kind}); "
                          "bundle version 1 knows ViT, ResNet, ConvNeXt")
    data, samples = _data_of(pretrained)
    sigmoid = hasattr(model, "logit_bias") and model.logit_bias is not None
    if sigmoid:
        print("export_bundle: note: sigmoid-loss model; logit_bias is not stored in bundle version 1 "
              "(zero-shot argmax does not need it; calibrated probabilities would)", file=sys.stderr)
    card = {"architecture_family": family, "architecture_name": arch, "training_data": data,
            "training_samples": samples, "fine_tuning": "none", "loss": "sigmoid" if sigmoid else "softmax-infonce",
            "prompts": "imagenet-80"}
    adapter = OpenClipAdapter(model, pre["input_size"], ctx).eval()
    return adapter, pre, tokenizer, card, files, f"{arch}-{pretrained}"


def _hf_tokenizer_spec(hf_tok, ctx: int, source: str):
    """Save a transformers fast tokenizer's tokenizer.json; spec with its BOS/EOS ids."""
    if not getattr(hf_tok, "is_fast", False):
        raise ExportError(f"{source}: the tokenizer is not a fast (tokenizer.json) tokenizer")
    if hf_tok.bos_token_id is None or hf_tok.eos_token_id is None:
        raise ExportError(f"{source}: tokenizer without BOS/EOS tokens; bundle version 1 needs [SOT] ids [EOT]")
    out = Path(tempfile.mkdtemp(prefix="clipwb-tok."))
    hf_tok.save_pretrained(str(out))
    f = out / "tokenizer.json"
    if not f.is_file():
        raise ExportError(f"{source}: save_pretrained wrote no tokenizer.json")
    return {"kind": "hf-tokenizer-json", "file": "tokenizer.json", "context_length": ctx,
            "sot": int(hf_tok.bos_token_id), "eot": int(hf_tok.eos_token_id)}, f


# ---------------------------------------------------------------------------------------------
# Hugging Face transformers CLIPModel
# ---------------------------------------------------------------------------------------------

class _HfImage(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.vision_model = m.vision_model
        self.visual_projection = m.visual_projection

    def forward(self, x):
        return self.visual_projection(self.vision_model(pixel_values=x)[1])


class _HfPatches(_HfImage):
    """post_layernorm(last_hidden_state[:, 1:]) @ visual_projection: the patch tokens treated as
    CLIP treats the class token (same definition as tools/clip_model.py)."""

    def forward(self, x):
        h = self.vision_model(pixel_values=x)[0]
        return self.visual_projection(self.vision_model.post_layernorm(h[:, 1:, :]))


class _HfText(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.text_model = m.text_model
        self.text_projection = m.text_projection

    def forward(self, t):
        return self.text_projection(self.text_model(input_ids=t)[1])


class HfAdapter(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.image, self.text, self.patches = _HfImage(m), _HfText(m), _HfPatches(m)
        self.logit_scale = m.logit_scale
        vc, tc = m.config.vision_config, m.config.text_config
        g = vc.image_size // vc.patch_size
        self.patch_grid = (g, g)
        self.context_length = tc.max_position_embeddings
        self.vocab_size = tc.vocab_size

    def encode_image(self, x):
        return self.image(x)

    def encode_text(self, t):
        return self.text(t)

    def encode_patches(self, x):
        return self.patches(x)

    def export_towers(self):
        return {"image": self.image, "text": self.text, "patch": self.patches}


_VIT_SIZES = {384: "S", 512: "S", 768: "B", 1024: "L", 1280: "H", 1408: "g", 1664: "bigG"}


def hf_source(model_id: str):
    try:
        from transformers import AutoTokenizer, CLIPImageProcessor, CLIPModel
    except ImportError as e:
        raise ExportError("--hf needs the transformers package") from e
    m = CLIPModel.from_pretrained(model_id, torchscript=True).eval()
    proc = CLIPImageProcessor.from_pretrained(model_id)
    size = proc.size
    if isinstance(size, dict):
        if "shortest_edge" not in size:
            raise ExportError(f"{model_id}: image processor resizes to {size}, not a shorter side")
        size = size["shortest_edge"]
    crop = proc.crop_size
    if isinstance(crop, dict):
        if crop["height"] != crop["width"]:
            raise ExportError(f"{model_id}: non-square crop {crop}")
        crop = crop["height"]
    center = bool(getattr(proc, "do_center_crop", True))
    pre = {"input_size": int(crop if center else size), "resize": int(size), "interpolation": _interp_name(proc.resample),
           "center_crop": center, "mean": [float(x) for x in proc.image_mean], "std": [float(x) for x in proc.image_std]}
    tc = m.config.text_config
    tokenizer, tfile = _hf_tokenizer_spec(AutoTokenizer.from_pretrained(model_id, use_fast=True),
                                          tc.max_position_embeddings, model_id)
    vc = m.config.vision_config
    arch = f"ViT-{_VIT_SIZES.get(vc.hidden_size, str(vc.hidden_size))}/{vc.patch_size}"
    if vc.image_size != 224:
        arch += f"@{vc.image_size}"
    mid = model_id.lower()
    if mid.startswith("openai/"):
        data, samples = "OpenAI WIT", 400_000_000
    elif "laion2b" in mid:
        data, samples = "LAION-2B", 2_320_000_000
    elif "laion400m" in mid:
        data, samples = "LAION-400M", 407_000_000
    elif "datacomp" in mid:
        data, samples = "DataComp-1B", 1_400_000_000
    else:
        data, samples = _data_of(Path(model_id).name)
    card = {"architecture_family": "ViT", "architecture_name": arch, "training_data": data,
            "training_samples": samples, "fine_tuning": "none", "loss": "softmax-infonce", "prompts": "imagenet-80"}
    return HfAdapter(m).eval(), pre, tokenizer, card, [tfile], Path(model_id).name
