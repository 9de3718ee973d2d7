#!/usr/bin/env python3
"""Writes the direct-load fixtures under src/test/resources/checkpoints: tiny random-weight checkpoints
laid out exactly as the upstream libraries save them, and the embeddings the upstream forward code
computes for fixed inputs.

    /usr/bin/python3 tools/checkpoints/make_checkpoint_fixtures.py \
        --transformers <transformers checkout>/src/transformers \
        --open-clip <open_clip checkout>/src/open_clip --out src/test/resources/checkpoints

Sources (see upstream_shim.py: the modeling files are imported unchanged, not re-stated here):
  huggingface/transformers d6751d91c8f58cdeb35af6adae182d7dc90aa883 (4.45.0.dev0)
    src/transformers/models/clip/modeling_clip.py
      CLIPVisionEmbeddings.forward       l.188-197  conv patches, class token, position_ids
      CLIPTextEmbeddings.forward         l.213-230  token + position embedding
      CLIPAttention.forward              l.258-335  q*scale, causal mask added, softmax, out_proj
      CLIPMLP                            l.504-516  fc1, ACT2FN[hidden_act], fc2
      CLIPEncoderLayer.forward           l.528-566  pre-LN residual blocks
      CLIPTextTransformer.forward        l.852-936  causal mask (l.881), final_layer_norm (l.899),
                                                    eos pooling: eos_token_id == 2 -> argmax (l.901-911),
                                                    else first position of eos_token_id (l.912-920)
      CLIPVisionTransformer.forward      l.1009-1055 pre_layrnorm, class token -> post_layernorm
      CLIPModel.get_text_features        l.1154-1198 text_projection
      CLIPModel.get_image_features       l.1201-1247 visual_projection
    src/transformers/activations.py     ACT2FN l.201-212 (gelu = erf GELU, quick_gelu = x*sigmoid(1.702x))
  mlfoundations/open_clip 89fb801f1e6087880e951fc8354b8a2077b79c6d
    src/open_clip/model.py       _build_vision_tower l.174-250 (QuickGELU vs nn.GELU l.183,
                                 ModifiedResNet heads = width*32//head_width l.200), CLIP l.318-420
                                 (_encode_text l.396-411: token+positional, causal attn_mask, ln_final,
                                 text_global_pool, @ text_projection)
    src/open_clip/transformer.py VisionTransformer / ResidualAttentionBlock / text_global_pool l.931-954
    src/open_clip/modified_resnet.py  Bottleneck (avgpool anti-aliasing), AttentionPool2d, ModifiedResNet

Weights are seeded random numbers (torch.Generator seed 0 per fixture); BatchNorm running statistics
are randomised too so eval-mode BN is exercised. Each fixture folder stays well under 1 MB.
Safetensors files are written with struct + json (format: 8-byte little-endian header length, JSON
header with dtype/shape/data_offsets, raw little-endian data), as huggingface/safetensors describes.
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import upstream_shim  # noqa: E402

CONTEXT = 16
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
SOURCES = {
    "transformers": "huggingface/transformers@d6751d91c8f58cdeb35af6adae182d7dc90aa883",
    "open_clip": "mlfoundations/open_clip@89fb801f1e6087880e951fc8354b8a2077b79c6d",
}


# ---------------------------------------------------------------- tokenizer.json (tiny byte-level BPE)
def bytes_to_unicode():
    """GPT-2 / CLIP byte stand-ins (as OpenAI CLIP's simple_tokenizer.bytes_to_unicode)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


MERGES = [("p", "h"), ("ph", "o"), ("t", "o</w>"), ("pho", "to</w>"), ("c", "a"), ("ca", "t</w>"), ("o", "f</w>"),
          ("d", "o"), ("do", "g</w>")]


def tokenizer_json():
    chars = list(bytes_to_unicode().values())
    vocab = chars + [c + "</w>" for c in chars] + [a + b for a, b in MERGES] + ["<|startoftext|>", "<|endoftext|>"]
    ids = {t: i for i, t in enumerate(vocab)}
    sot, eot = ids["<|startoftext|>"], ids["<|endoftext|>"]
    special = lambda i, c: {"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                            "normalized": True, "special": True}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [special(sot, "<|startoftext|>"), special(eot, "<|endoftext|>")],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFC"}, {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}, {"type": "Lowercase"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex":
                "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"},
             "behavior": "Removed", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", eot], "cls": ["<|startoftext|>", sot],
                           "trim_offsets": False, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<|endoftext|>", "continuing_subword_prefix": "",
                  "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False,
                  "vocab": ids, "merges": [a + " " + b for a, b in MERGES]},
    }, len(vocab), sot, eot


# ---------------------------------------------------------------- safetensors writer
DTYPES = {torch.float32: ("F32", np.dtype("<f4")), torch.float16: ("F16", np.dtype("<f2"))}


def save_safetensors(tensors, path, dtype="F32"):
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().float()
        if dtype == "F32":
            raw = t.numpy().astype("<f4").tobytes()
        elif dtype == "F16":
            raw = t.half().numpy().astype("<f2").tobytes()
        elif dtype == "BF16":
            raw = (t.bfloat16().view(torch.int16).numpy().astype("<i2")).tobytes()
        else:
            raise ValueError(dtype)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def rounded(sd, dtype):
    """The values a reader of the written file gets back, in float32."""
    if dtype == "F16":
        return {k: v.half().float() for k, v in sd.items()}
    if dtype == "BF16":
        return {k: v.bfloat16().float() for k, v in sd.items()}
    return sd


# ---------------------------------------------------------------- random weights
def randomise(model, seed):
    g = torch.Generator().manual_seed(seed)
    sd = {}
    for name, v in model.state_dict().items():
        if name.endswith("num_batches_tracked"):
            sd[name] = v
            continue
        shape = v.shape
        if name.endswith("running_var"):
            t = torch.rand(shape, generator=g) + 0.5
        elif name.endswith("running_mean"):
            t = torch.randn(shape, generator=g) * 0.1
        elif name.endswith("logit_scale"):
            t = torch.full(shape, math.log(1 / 0.07)) + torch.randn(shape, generator=g) * 0.1
        elif name.endswith("logit_bias"):
            t = torch.full(shape, -2.0) + torch.randn(shape, generator=g) * 0.1
        elif v.dim() == 1 and any(k in name for k in ("ln", "norm", "bn")) and name.endswith("weight"):
            t = 1 + torch.randn(shape, generator=g) * 0.1
        elif v.dim() >= 2:
            fan_in = v[0].numel() if "embedding" not in name else v.shape[-1]
            t = torch.randn(shape, generator=g) / math.sqrt(max(fan_in, 1))
        else:
            t = torch.randn(shape, generator=g) * 0.1
        sd[name] = t.to(v.dtype)
    return sd


def token_rows(vocab, sot, eot, seed):
    g = torch.Generator().manual_seed(seed)
    rows = torch.zeros(5, CONTEXT, dtype=torch.long)
    body = [10, 20, 30, 40]
    rows[0, :6] = torch.tensor([sot] + body + [eot])                  # zero padded
    rows[1, :2] = torch.tensor([sot, eot])                            # empty text
    rows[2] = torch.randint(1, sot, (CONTEXT,), generator=g)          # full length, EOT last
    rows[2, 0], rows[2, -1] = sot, eot
    rows[3, :4] = torch.tensor([sot, 7, 8, eot]); rows[3, 4:] = eot   # padded with EOT (Hugging Face style)
    rows[4, :3] = torch.tensor([sot, vocab - 3, eot])                 # largest ordinary id
    return rows


def images(size, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(3, 3, size, size, generator=g)


def write_expected(out, name, model_dir, img, rows, image_emb, text_emb, extra):
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)
    np.save(os.path.join(out, "expected", name + ".images.npy"), img.numpy().astype("<f4"))
    doc = {"fixture": name, "source": extra.pop("source"), "generated_by": "tools/checkpoints/make_checkpoint_fixtures.py",
           "images_npy": name + ".images.npy", "text_tokens": rows.tolist(),
           "image_embeddings": image_emb.tolist(), "text_embeddings": text_emb.tolist()}
    doc.update(extra)
    with open(os.path.join(out, "expected", name + ".json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(model_dir, p)) for p in os.listdir(model_dir))
    print(f"{name}: {total} bytes in {model_dir}")
    assert total < 1_000_000, name + " fixture folder is over 1 MB"


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


# ---------------------------------------------------------------- Hugging Face CLIP
def hf_clip(mc, out, tok, vocab, sot, eot):
    name = "hf-clip-vit"
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    config = {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": 16, "logit_scale_init_value": 2.6592,
        "initializer_factor": 1.0, "torch_dtype": "float32", "transformers_version": "4.45.0.dev0",
        "text_config": {"model_type": "clip_text_model", "vocab_size": vocab, "hidden_size": 24, "intermediate_size": 48,
                        "projection_dim": 16, "num_hidden_layers": 2, "num_attention_heads": 2,
                        "max_position_embeddings": CONTEXT, "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5,
                        "attention_dropout": 0.0, "pad_token_id": 1, "bos_token_id": sot, "eos_token_id": eot},
        "vision_config": {"model_type": "clip_vision_model", "hidden_size": 32, "intermediate_size": 64,
                          "projection_dim": 16, "num_hidden_layers": 2, "num_attention_heads": 2, "num_channels": 3,
                          "image_size": 32, "patch_size": 8, "hidden_act": "gelu", "layer_norm_eps": 1e-5,
                          "attention_dropout": 0.0},
    }
    cfg = mc.CLIPConfig(**json.loads(json.dumps(config)))
    model = mc.CLIPModel(cfg).eval()
    sd = randomise(model, 0)
    model.load_state_dict(sd, strict=True)
    save_safetensors(sd, os.path.join(d, "model.safetensors"))
    write_json(os.path.join(d, "config.json"), config)
    write_json(os.path.join(d, "preprocessor_config.json"), {
        "crop_size": {"height": 32, "width": 32}, "do_center_crop": True, "do_convert_rgb": True, "do_normalize": True,
        "do_rescale": True, "do_resize": True, "image_mean": CLIP_MEAN, "image_std": CLIP_STD,
        "image_processor_type": "CLIPImageProcessor", "processor_class": "CLIPProcessor", "resample": 3,
        "rescale_factor": 1 / 255, "size": {"shortest_edge": 32}})
    write_json(os.path.join(d, "tokenizer.json"), tok)
    img = images(32, 1)
    rows = token_rows(vocab, sot, eot, 2)
    with torch.no_grad():
        ie = model.get_image_features(pixel_values=img)
        te = model.get_text_features(input_ids=rows)
    write_expected(out, name, d, img, rows, ie, te, {"source": SOURCES["transformers"],
                                                     "logit_scale": float(model.logit_scale.exp())})


# ---------------------------------------------------------------- open_clip
def open_clip_fixture(om, out, name, model_cfg, image_size, dtype, tok, vocab, sot, eot, seed):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    model = om.CLIP(**json.loads(json.dumps(model_cfg))).eval()
    sd = randomise(model, seed)
    model.load_state_dict(rounded(sd, dtype), strict=True)
    save_safetensors(sd, os.path.join(d, "open_clip_model.safetensors"), dtype)
    write_json(os.path.join(d, "open_clip_config.json"), {
        "model_cfg": model_cfg,
        "preprocess_cfg": {"mean": CLIP_MEAN, "std": CLIP_STD, "interpolation": "bicubic", "resize_mode": "shortest",
                           "size": image_size}})
    write_json(os.path.join(d, "tokenizer.json"), tok)
    img = images(image_size, seed + 1)
    rows = token_rows(vocab, sot, eot, seed + 2)
    with torch.no_grad():
        ie = model.encode_image(img)
        te = model.encode_text(rows)
    write_expected(out, name, d, img, rows, ie, te, {"source": SOURCES["open_clip"], "dtype": dtype,
                                                     "logit_scale": float(model.logit_scale.exp())})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--transformers", required=True, help="a transformers checkout's src/transformers")
    ap.add_argument("--open-clip", required=True, help="an open_clip checkout's src/open_clip")
    ap.add_argument("--out", default="src/test/resources/checkpoints")
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    mc, _ms = upstream_shim.import_transformers(a.transformers)
    om = upstream_shim.import_open_clip(a.open_clip)
    tok, vocab, sot, eot = tokenizer_json()
    hf_clip(mc, a.out, tok, vocab, sot, eot)
    text = {"context_length": CONTEXT, "vocab_size": vocab, "width": 24, "heads": 2, "layers": 2}
    vit = {"image_size": 32, "layers": 2, "width": 32, "head_width": 16, "patch_size": 8}
    open_clip_fixture(om, a.out, "openclip-vit-quickgelu",
                      {"embed_dim": 16, "quick_gelu": True, "vision_cfg": vit, "text_cfg": text}, 32, "F32",
                      tok, vocab, sot, eot, 10)
    open_clip_fixture(om, a.out, "openclip-vit-gelu-f16",
                      {"embed_dim": 16, "vision_cfg": vit, "text_cfg": text}, 32, "F16", tok, vocab, sot, eot, 20)
    rn = {"image_size": 64, "layers": [1, 1, 1, 1], "width": 4, "head_width": 32}
    open_clip_fixture(om, a.out, "openclip-rn-bf16",
                      {"embed_dim": 16, "quick_gelu": True, "vision_cfg": rn, "text_cfg": text}, 64, "BF16",
                      tok, vocab, sot, eot, 30)


if __name__ == "__main__":
    main()
