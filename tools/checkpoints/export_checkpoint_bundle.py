#!/usr/bin/env python3
"""An open_clip checkpoint folder (open_clip_config.json + open_clip_model.safetensors) as a TorchScript
bundle, through the upstream open_clip model (upstream_shim) and tools/export_bundle.py: the same
weights by the export path, to compare with the direct load (embeddings and speed).

    /usr/bin/python3 tools/checkpoints/export_checkpoint_bundle.py --open-clip <open_clip>/src/open_clip \
        FOLDER --out BUNDLE
    # a random-weight ViT-B-32 checkpoint folder (open_clip's model_configs/ViT-B-32.json) for `clipwb bench`
    /usr/bin/python3 tools/checkpoints/export_checkpoint_bundle.py --open-clip <open_clip>/src/open_clip \
        --random-config ViT-B-32 --write-checkpoint /tmp/vitb32-ckpt --out /tmp/vitb32-bundle
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import upstream_shim  # noqa: E402
from export_bundle import export_bundle  # noqa: E402
from make_checkpoint_fixtures import randomise, save_safetensors, tokenizer_json, CLIP_MEAN, CLIP_STD  # noqa: E402


def load_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        raw = data[b:end]
        if e["dtype"] == "F32":
            t = torch.from_numpy(np.frombuffer(raw, dtype="<f4").copy())
        elif e["dtype"] == "F16":
            t = torch.from_numpy(np.frombuffer(raw, dtype="<f2").copy()).float()
        elif e["dtype"] == "BF16":
            t = torch.from_numpy(np.frombuffer(raw, dtype="<i2").copy()).view(torch.bfloat16).float()
        else:
            raise ValueError(name + ": " + e["dtype"])
        out[name] = t.reshape(e["shape"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--open-clip", required=True)
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--random-config", help="an open_clip model_configs name: random weights of that architecture")
    ap.add_argument("--write-checkpoint", help="with --random-config: write the checkpoint folder here")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(0)
    om = upstream_shim.import_open_clip(a.open_clip)
    if a.random_config:
        with open(os.path.join(a.open_clip, "model_configs", a.random_config + ".json")) as f:
            model_cfg = json.load(f)
        model = om.CLIP(**model_cfg).eval()
        sd = randomise(model, 0)
        model.load_state_dict(sd, strict=True)
        folder = a.write_checkpoint
        os.makedirs(folder, exist_ok=True)
        save_safetensors(sd, os.path.join(folder, "open_clip_model.safetensors"))
        size = model_cfg["vision_cfg"]["image_size"]
        with open(os.path.join(folder, "open_clip_config.json"), "w") as f:
            json.dump({"model_cfg": model_cfg, "preprocess_cfg": {"mean": CLIP_MEAN, "std": CLIP_STD, "size": size}}, f, indent=2)
        tok_file = None
    else:
        folder = a.folder
        with open(os.path.join(folder, "open_clip_config.json")) as f:
            cfg = json.load(f)
        model_cfg = cfg["model_cfg"]
        model = om.CLIP(**model_cfg).eval()
        model.load_state_dict(load_safetensors(os.path.join(folder, "open_clip_model.safetensors")), strict=True)
        size = model_cfg["vision_cfg"]["image_size"]
        tok_file = os.path.join(folder, "tokenizer.json")
    ctx = model_cfg["text_cfg"].get("context_length", 77)
    if tok_file:
        tok = json.load(open(tok_file))
        ids = {t["content"]: t["id"] for t in tok["added_tokens"]}
        tokenizer = {"kind": "hf-tokenizer-json", "file": "tokenizer.json", "context_length": ctx,
                     "sot": ids["<|startoftext|>"], "eot": ids["<|endoftext|>"]}
        files = [tok_file]
    else:
        tokenizer = {"kind": "openai-clip-bpe", "file": "shared:data/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz",
                     "context_length": ctx, "sot": 49406, "eot": 49407}
        files = []
    family = "ResNet" if isinstance(model_cfg["vision_cfg"]["layers"], list) else "ViT"
    export_bundle(model, a.out, name=os.path.basename(os.path.normpath(a.out)),
                  preprocess={"input_size": size, "resize": size, "interpolation": "bicubic", "center_crop": True,
                              "mean": CLIP_MEAN, "std": CLIP_STD},
                  tokenizer=tokenizer,
                  card={"architecture_family": family, "architecture_name": a.random_config or "fixture",
                        "training_data": "random", "training_samples": 0, "fine_tuning": "none",
                        "loss": "softmax-infonce", "prompts": "single"},
                  tokenizer_files=files, patches=False)


if __name__ == "__main__":
    main()
