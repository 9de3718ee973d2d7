#!/usr/bin/env python3
"""ONNX towers of the direct-load checkpoints, exported from the upstream modeling code itself with
torch.onnx.export: the fixtures of the Java ONNX path (io.clipwb.djl.OnnxTowers) and ONNX bundles of
real-sized checkpoints for `clipwb bench`.

    # fixtures: src/test/resources/checkpoints/onnx/{openclip-vit-quickgelu,openclip-rn-bf16,hf-clip-vit-transformersjs}
    /usr/bin/python3 tools/checkpoints/export_onnx.py fixtures \
        --transformers <transformers checkout>/src/transformers --open-clip <open_clip checkout>/src/open_clip

    # an open_clip checkpoint folder (open_clip_config.json + open_clip_model.safetensors) as an ONNX bundle
    /usr/bin/python3 tools/checkpoints/export_onnx.py bundle --open-clip <open_clip>/src/open_clip FOLDER --out BUNDLE

Sources: the same upstream snapshots as make_checkpoint_fixtures.py, imported unchanged by upstream_shim.py:
  huggingface/transformers d6751d91c8f58cdeb35af6adae182d7dc90aa883, src/transformers/models/clip/modeling_clip.py
    CLIPTextModelWithProjection (l.1351-1430: text_model -> pooled output -> text_projection = text_embeds)
    CLIPVisionModelWithProjection (l.1433-1505: vision_model -> pooled output -> visual_projection = image_embeds)
    -- the two models transformers.js publishes as onnx/text_model.onnx and onnx/vision_model.onnx.
  mlfoundations/open_clip 89fb801f1e6087880e951fc8354b8a2077b79c6d, src/open_clip/model.py CLIP.encode_image /
    CLIP.encode_text (l.396-420) on a ViT and a ModifiedResNet (modified_resnet.py).

The weights are those of the committed safetensors fixtures (make_checkpoint_fixtures.py; F16/BF16 widened to
float32 exactly as the Java reader does), so the committed expected embeddings (checkpoints/expected/*.json) are
the reference for the ONNX towers too. Each graph: opset 17, a dynamic batch axis (traced on a batch of 2),
float32 pixels N x 3 x H x W / int64 token ids N x context_length in, N x embed_dim out. torch.onnx.export writes
no file paths or time stamps, so the files are reproducible byte for byte with the same torch (1.13.1 here).
"""
import argparse
import json
import os
import shutil
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import upstream_shim  # noqa: E402
from export_checkpoint_bundle import load_safetensors  # noqa: E402
from make_checkpoint_fixtures import CLIP_MEAN, CLIP_STD, SOURCES, tokenizer_json, write_json  # noqa: E402

OPSET = 17


class ImageTower(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixels):
        return self.model.encode_image(pixels)


class TextTower(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, ids):
        return self.model.encode_text(ids)


class HfVision(nn.Module):
    """CLIPVisionModelWithProjection's outputs as a tuple, named as transformers.js's vision_model.onnx."""
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        out = self.model(pixel_values=pixel_values, return_dict=True)
        return out.image_embeds, out.last_hidden_state


class HfText(nn.Module):
    """CLIPTextModelWithProjection's outputs as a tuple, named as transformers.js's text_model.onnx."""
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, return_dict=True)
        return out.text_embeds, out.last_hidden_state


def export(module, args, path, inputs, outputs):
    """One graph, batch axis dynamic on every input and output; checked with onnx.checker."""
    dynamic = {n: {0: "batch"} for n in inputs + outputs}
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=dynamic,
                          opset_version=OPSET, do_constant_folding=True, export_params=True)
    import onnx
    onnx.checker.check_model(onnx.load(path))


def sample_images(size):
    return torch.randn(2, 3, size, size, generator=torch.Generator().manual_seed(123))


def sample_tokens(ctx, sot, eot):
    rows = torch.zeros(2, ctx, dtype=torch.long)
    rows[0, :4] = torch.tensor([sot, 5, 6, eot])
    rows[1, :2] = torch.tensor([sot, eot])
    return rows


def open_clip_bundle(om, folder, out, name, card, tokenizer, tokenizer_file=None):
    """An open_clip checkpoint folder as a clipwb bundle with ONNX towers."""
    with open(os.path.join(folder, "open_clip_config.json")) as f:
        cfg = json.load(f)
    model_cfg = cfg["model_cfg"]
    model = om.CLIP(**model_cfg).eval()
    model.load_state_dict(load_safetensors(os.path.join(folder, "open_clip_model.safetensors")), strict=True)
    size = model_cfg["vision_cfg"]["image_size"]
    ctx = model_cfg["text_cfg"].get("context_length", 77)
    os.makedirs(out, exist_ok=True)
    export(ImageTower(model).eval(), (sample_images(size),), os.path.join(out, "image_encoder.onnx"),
           ["pixels"], ["embeddings"])
    export(TextTower(model).eval(), (sample_tokens(ctx, tokenizer["sot"], tokenizer["eot"]),),
           os.path.join(out, "text_encoder.onnx"), ["ids"], ["embeddings"])
    if tokenizer_file:
        shutil.copyfile(tokenizer_file, os.path.join(out, tokenizer["file"]))
    pre = cfg.get("preprocess_cfg", {})
    write_json(os.path.join(out, "bundle.json"), {
        "format": "clipwb-bundle", "version": 1, "name": name,
        "image_encoder": "image_encoder.onnx", "text_encoder": "text_encoder.onnx",
        "embed_dim": model_cfg["embed_dim"], "logit_scale": float(model.logit_scale.exp()),
        "preprocess": {"input_size": size, "resize": size, "interpolation": pre.get("interpolation", "bicubic"),
                       "center_crop": True, "mean": pre.get("mean", CLIP_MEAN), "std": pre.get("std", CLIP_STD)},
        "tokenizer": dict(tokenizer, context_length=ctx),
        "card": card})


def fixtures(a):
    mc, _ms = upstream_shim.import_transformers(a.transformers)
    om = upstream_shim.import_open_clip(a.open_clip)
    src = a.checkpoints
    out = os.path.join(src, "onnx")
    tok, _vocab, sot, eot = tokenizer_json()
    tokenizer = {"kind": "hf-tokenizer-json", "file": "tokenizer.json", "sot": sot, "eot": eot}
    for name, family in [("openclip-vit-quickgelu", "ViT"), ("openclip-rn-bf16", "ResNet")]:
        d = os.path.join(out, name)
        open_clip_bundle(om, os.path.join(src, name), d, name + "-onnx",
                         {"architecture_family": family, "architecture_name": "fixture", "training_data": "random",
                          "training_samples": 0, "fine_tuning": "none", "loss": "softmax-infonce", "prompts": "single"},
                         tokenizer, os.path.join(src, name, "tokenizer.json"))
        report(d)

    # Hugging Face CLIP as transformers.js lays it out: config + preprocessor + tokenizer, onnx/{vision,text}_model.onnx
    hf = os.path.join(src, "hf-clip-vit")
    d = os.path.join(out, "hf-clip-vit-transformersjs")
    os.makedirs(os.path.join(d, "onnx"), exist_ok=True)
    for f in ["config.json", "preprocessor_config.json", "tokenizer.json"]:
        shutil.copyfile(os.path.join(hf, f), os.path.join(d, f))
    with open(os.path.join(hf, "config.json")) as f:
        cfg = mc.CLIPConfig(**json.load(f))
    sd = load_safetensors(os.path.join(hf, "model.safetensors"))
    vision = mc.CLIPVisionModelWithProjection(cfg.vision_config).eval()
    vision.load_state_dict({k: v for k, v in sd.items() if k.startswith(("vision_model.", "visual_projection."))}, strict=True)
    text = mc.CLIPTextModelWithProjection(cfg.text_config).eval()
    text.load_state_dict({k: v for k, v in sd.items() if k.startswith(("text_model.", "text_projection."))}, strict=True)
    size = cfg.vision_config.image_size
    export(HfVision(vision).eval(), (sample_images(size),), os.path.join(d, "onnx", "vision_model.onnx"),
           ["pixel_values"], ["image_embeds", "last_hidden_state"])
    ids = sample_tokens(cfg.text_config.max_position_embeddings, sot, eot)
    export(HfText(text).eval(), (ids, (ids != 0).long()), os.path.join(d, "onnx", "text_model.onnx"),
           ["input_ids", "attention_mask"], ["text_embeds", "last_hidden_state"])
    write_json(os.path.join(d, "card.json"), {"logit_scale": round(float(sd["logit_scale"].exp()), 6)})
    report(d)


def report(d):
    total = 0
    for root, _dirs, files in os.walk(d):
        for f in files:
            size = os.path.getsize(os.path.join(root, f))
            total += size
            assert size < 1_000_000, f + " is over 1 MB"
    print(f"{d}: {total} bytes")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fixtures", help="the ONNX test fixtures from the committed checkpoint fixtures")
    f.add_argument("--transformers", required=True, help="a transformers checkout's src/transformers")
    f.add_argument("--open-clip", required=True, help="an open_clip checkout's src/open_clip")
    f.add_argument("--checkpoints", default="src/test/resources/checkpoints")
    b = sub.add_parser("bundle", help="an open_clip checkpoint folder as a bundle with ONNX towers")
    b.add_argument("--open-clip", required=True)
    b.add_argument("folder")
    b.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    if a.cmd == "fixtures":
        fixtures(a)
        return
    tok_file = os.path.join(a.folder, "tokenizer.json")
    if os.path.isfile(tok_file):
        with open(tok_file) as fh:
            ids = {t["content"]: t["id"] for t in json.load(fh)["added_tokens"]}
        tokenizer = {"kind": "hf-tokenizer-json", "file": "tokenizer.json", "sot": ids["<|startoftext|>"],
                     "eot": ids["<|endoftext|>"]}
    else:
        tok_file = None
        tokenizer = {"kind": "openai-clip-bpe", "file": "shared:data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz",
                     "sot": 49406, "eot": 49407}
    om = upstream_shim.import_open_clip(a.open_clip)
    with open(os.path.join(a.folder, "open_clip_config.json")) as fh:
        vision = json.load(fh)["model_cfg"]["vision_cfg"]
    family = "ResNet" if isinstance(vision["layers"], list) else "ViT"
    open_clip_bundle(om, a.folder, a.out, os.path.basename(os.path.normpath(a.out)),
                     {"architecture_family": family, "architecture_name": "unknown", "training_data": "unknown",
                      "training_samples": 0, "fine_tuning": "none", "loss": "softmax-infonce", "prompts": "single"},
                     tokenizer, tok_file)


if __name__ == "__main__":
    main()
