#!/usr/bin/env python3
"""Writes the SigLIP direct-load fixtures under src/test/resources/checkpoints: a tiny SentencePiece
unigram model trained here, the token ids the upstream SiglipTokenizer gives for ~50 strings, and a
tiny random-weight Hugging Face ``SiglipModel`` folder with the embeddings and logits the upstream
forward code computes.

    /usr/bin/python3 tools/checkpoints/make_siglip_fixtures.py \
        --transformers <transformers checkout>/src/transformers --out src/test/resources/checkpoints

Sources (imported unchanged, see upstream_shim.py and SiglipTokenizerBase below):
  huggingface/transformers d6751d91c8f58cdeb35af6adae182d7dc90aa883 (4.45.0.dev0)
    src/transformers/models/siglip/modeling_siglip.py
      SiglipVisionEmbeddings.forward            l.308-318  patch conv, position embedding, no class token
      SiglipAttention / SiglipMLP / EncoderLayer l.354-660 pre-LN blocks, no causal mask
      SiglipTextTransformer.forward             l.935-995  final_layer_norm, pooled = last token, head
      SiglipVisionTransformer.forward           l.1069-1108 post_layernorm, SiglipMultiheadAttentionPoolingHead
      SiglipMultiheadAttentionPoolingHead       l.1111-1136 probe, nn.MultiheadAttention, layernorm + MLP
      SiglipModel.forward                       logits_per_text = cos * logit_scale.exp() + logit_bias
    src/transformers/models/siglip/tokenization_siglip.py  SiglipTokenizer (whole class, unchanged)
    src/transformers/tokenization_utils.py     PreTrainedTokenizer.tokenize l.619-697 (re-stated below:
                                               lower-casing outside special tokens, split on added tokens
                                               with their lstrip/rstrip), convert_tokens_to_ids l.708-736
    src/transformers/tokenization_utils_base.py prepare_for_model l.3603-3720 (truncation right to
                                               max_length - 1, build_inputs_with_special_tokens), _pad
                                               l.3883-3935 (right padding with pad_token_id)
  google/sentencepiece 0.1.97 (Debian python3-sentencepiece): training and SentencePieceProcessor.encode

Everything is seeded; sentencepiece trains with one thread. Run twice: the output is byte-identical.
"""
import argparse
import importlib.util
import json
import math
import os
import re
import sys
import tempfile
import types

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import upstream_shim  # noqa: E402
from make_checkpoint_fixtures import images, randomise, save_safetensors, write_json  # noqa: E402

SOURCE = "huggingface/transformers@d6751d91c8f58cdeb35af6adae182d7dc90aa883"
CONTEXT = 16

CLASSES = ["tench", "goldfish", "great white shark", "tiger shark", "hammerhead", "electric ray", "stingray", "cock",
           "hen", "ostrich", "brambling", "goldfinch", "house finch", "junco", "indigo bunting", "robin", "bulbul", "jay",
           "magpie", "chickadee", "water ouzel", "kite", "bald eagle", "vulture", "great grey owl", "fire salamander",
           "common newt", "eft", "spotted salamander", "axolotl", "bullfrog", "tree frog", "tailed frog", "loggerhead",
           "leatherback turtle", "mud turtle", "terrapin", "box turtle", "banded gecko", "common iguana",
           "American chameleon", "whiptail", "agama", "frilled lizard", "alligator lizard", "Gila monster",
           "green lizard", "African chameleon", "Komodo dragon", "African crocodile", "cat", "dog", "tabby cat",
           "golden retriever", "airliner", "school bus", "pizza", "espresso", "volcano", "daisy"]


def corpus(templates):
    lines = []
    for i, c in enumerate(CLASSES):
        for j, t in enumerate(templates):
            if (i + j) % 9 == 0:
                lines.append(t.replace("{c}", c))
    lines += ["photo number %d of %d things" % (i, i * 7 % 13) for i in range(20)]
    return lines


def train_spm(lines, prefix, vocab, byte_fallback, rule):
    import sentencepiece as spm
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        path = f.name
    spm.SentencePieceTrainer.train(
        input=path, model_prefix=prefix, vocab_size=vocab, model_type="unigram", num_threads=1, seed_sentencepiece_size=10000,
        character_coverage=1.0, byte_fallback=byte_fallback, pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
        pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>", normalization_rule_name=rule, minloglevel=2, hard_vocab_limit=False)
    os.unlink(path)
    with open(prefix + ".model", "rb") as f:
        data = f.read()
    os.unlink(prefix + ".model")
    os.unlink(prefix + ".vocab")
    # the trainer records its (temporary) input and output paths: replace them so the file is reproducible
    from sentencepiece import sentencepiece_model_pb2
    m = sentencepiece_model_pb2.ModelProto.FromString(data)
    del m.trainer_spec.input[:]
    m.trainer_spec.input.append("corpus.txt")
    m.trainer_spec.model_prefix = "spiece"
    return m.SerializeToString()


# ---------------------------------------------------------------- the upstream SiglipTokenizer, imported
class AddedToken:
    """Stand-in for tokenizers.AddedToken: the fields PreTrainedTokenizer.tokenize reads."""

    def __init__(self, content, single_word=False, lstrip=False, rstrip=False, normalized=True, special=False):
        self.content, self.single_word, self.lstrip, self.rstrip = content, single_word, lstrip, rstrip
        self.normalized, self.special = normalized, special

    def __str__(self):
        return self.content


class SiglipTokenizerBase:
    """Stand-in for transformers.PreTrainedTokenizer: the steps of a slow tokenizer's __call__(text,
    padding="max_length", truncation=True, max_length=...) that SiglipTokenizer inherits, re-stated from
    tokenization_utils.py / tokenization_utils_base.py (lines in the module docstring)."""
    split_special_tokens = False
    truncation_side = "right"
    padding_side = "right"

    def __init__(self, eos_token, unk_token, pad_token, model_max_length=64, do_lower_case=True, **kwargs):
        self.eos_token, self.unk_token, self.pad_token = str(eos_token), str(unk_token), str(pad_token)
        self.model_max_length = model_max_length
        self._added_tokens_decoder = {}
        for t in (pad_token, eos_token, unk_token):
            i = self.sp_model.piece_to_id(t.content)
            self._added_tokens_decoder.setdefault(i, t)
        self._added_tokens_encoder = {t.content: i for i, t in self._added_tokens_decoder.items()}

    @property
    def all_special_tokens(self):
        out = []
        for t in (self.eos_token, self.unk_token, self.pad_token):
            if t not in out:
                out.append(t)
        return out

    @property
    def eos_token_id(self):
        return self.convert_tokens_to_ids(self.eos_token)

    @property
    def pad_token_id(self):
        return self.convert_tokens_to_ids(self.pad_token)

    def prepare_for_tokenization(self, text, **kwargs):
        return text, kwargs

    def tokenize(self, text, **kwargs):
        # tokenization_utils.py l.642-651: lower-case everything but the special tokens
        if getattr(self, "do_lower_case", False):
            escaped = [re.escape(s) for s in self.all_special_tokens]
            pattern = r"(" + r"|".join(escaped) + r")|" + r"(.+?)"
            text = re.sub(pattern, lambda m: m.groups()[0] or m.groups()[1].lower(), text)
        # l.657-659: Trie.split on the added tokens (longest match first; none of these overlap)
        keys = sorted(self._added_tokens_encoder, key=len, reverse=True)
        tokens = [t for t in re.split("(" + "|".join(re.escape(k) for k in keys) + ")", text) if t != ""]
        # l.662-685: strip around added tokens as their lstrip/rstrip say
        for i, token in enumerate(tokens):
            if token in self._added_tokens_encoder:
                ext = self._added_tokens_decoder[self._added_tokens_encoder[token]]
                left = tokens[i - 1] if i > 0 else None
                right = tokens[i + 1] if i < len(tokens) - 1 else None
                if ext.rstrip and right:
                    tokens[i + 1] = right.lstrip()
                if ext.lstrip and left:
                    tokens[i - 1] = left.rstrip()
        out = []
        for token in tokens:
            if not token:
                continue
            if token in self._added_tokens_encoder:
                out.append(token)
            else:
                out.extend(self._tokenize(token))
        return out

    def convert_tokens_to_ids(self, tokens):
        if isinstance(tokens, str):
            if tokens in self._added_tokens_encoder:
                return self._added_tokens_encoder[tokens]
            return self._convert_token_to_id(tokens)
        return [self.convert_tokens_to_ids(t) for t in tokens]

    def encode_row(self, text, max_length):
        """__call__(text, padding="max_length", truncation=True, max_length=max_length)["input_ids"]."""
        ids = self.convert_tokens_to_ids(self.tokenize(text))
        total = len(ids) + len(self.build_inputs_with_special_tokens([]))
        if total > max_length:  # truncate_sequences, longest_first on one sequence, truncation_side right
            ids = ids[:-(total - max_length)]
        ids = self.build_inputs_with_special_tokens(ids)
        return ids + [self.pad_token_id] * (max_length - len(ids))


def import_siglip_tokenizer(src):
    """tokenization_siglip.py unchanged in a throw-away package whose base class is the stand-in above."""
    from sentencepiece import sentencepiece_model_pb2
    root = tempfile.mkdtemp(prefix="hf-tok-shim-")
    pkg = os.path.join(root, "transformers_tok")
    os.makedirs(os.path.join(pkg, "models", "siglip"))
    for d in ["", "models", "models/siglip"]:
        open(os.path.join(pkg, d, "__init__.py"), "w").close()
    with open(os.path.join(src, "models", "siglip", "tokenization_siglip.py")) as f:
        code = f.read()
    with open(os.path.join(pkg, "models", "siglip", "tokenization_siglip.py"), "w") as f:
        f.write(code)
    mods = {
        "transformers_tok.convert_slow_tokenizer": {"import_protobuf": lambda *a: sentencepiece_model_pb2},
        "transformers_tok.tokenization_utils": {"PreTrainedTokenizer": SiglipTokenizerBase},
        "transformers_tok.tokenization_utils_base": {"AddedToken": AddedToken},
        "transformers_tok.utils": {"logging": types.SimpleNamespace(get_logger=lambda n: __import__("logging").getLogger(n)),
                                   "requires_backends": lambda *a: None},
    }
    for name, attrs in mods.items():
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
    sys.path.insert(0, root)
    import warnings
    warnings.simplefilter("ignore")
    spec = importlib.util.spec_from_file_location("transformers_tok.models.siglip.tokenization_siglip",
                                                  os.path.join(pkg, "models", "siglip", "tokenization_siglip.py"))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod.SiglipTokenizer


TEXTS = [
    "a photo of a cat.", "A Photo Of A DOG!", "", " ", "   leading and trailing spaces   ", "tabs\tand\nnewlines\r\nhere",
    "multiple     spaces    between", "a photo of a {c}.", "itap of a goldfish", "the 3 best photos of 12 cats in 2024",
    "1234567890", "3.14159 is pi", "it's a dog's life, isn't it?", "hyphen-ated words & ampersands", "e-mail: a@b.c",
    "quotes \"double\" and 'single'", "brackets (round) [square] {curly} <angle>", "under_score and back\\slash",
    "café", "CAFÉ CRÈME", "naïve façade", "Ａ ｆｕｌｌｗｉｄｔｈ ｐｈｏｔｏ", "ﬁne ligature", "Straße", "ＡＢＣ１２３",
    "emoji 🐱 cat", "日本語のテキスト", "Ελληνικά γράμματα", "Кошка на фото", "mixed 日本 and english", "tiny ▁ underline",
    "▁leading underline", "x", "zzzz qqqq", "a photo of a great white shark swimming", "a bad photo of the hen.",
    "a sculpture of a Komodo dragon.", "a low resolution photo of the axolotl.", "graffiti of a volcano.",
    "art of the daisy.", "the cartoon espresso.", "a photo of the large school bus.", "a </s> in the middle",
    "ends with </s>", "<unk> at the start", "<pad> pad token", "non\u00a0breaking\u2003em space", "zero\u200bwidth",
    "a photo of a " + "very " * 40 + "long cat.", " ".join(CLASSES), "...!!!???", "a, b; c: d.",
]


def token_fixture(Tok, model_bytes, name, out, model_file, max_length=64):
    """Reference ids for TEXTS; the model is written to ``model_file`` (relative to ``out``)."""
    d = tempfile.mkdtemp(prefix="spm-")
    path = os.path.join(d, "spiece.model")
    with open(path, "wb") as f:
        f.write(model_bytes)
    tok = Tok(path, model_max_length=max_length)
    rows = [tok.encode_row(t, max_length) for t in TEXTS]
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_file=path)
    raw = [sp.encode(t) for t in TEXTS]  # plain sentencepiece (add_dummy_prefix as trained): the core's SentencePiece alone
    os.makedirs(os.path.dirname(os.path.join(out, model_file)), exist_ok=True)
    with open(os.path.join(out, model_file), "wb") as f:
        f.write(model_bytes)
    doc = {"source": SOURCE + " tokenization_siglip.SiglipTokenizer + sentencepiece " + spm.__version__,
           "generated_by": "tools/checkpoints/make_siglip_fixtures.py", "model": model_file,
           "max_length": max_length, "eos_id": tok.eos_token_id, "pad_id": tok.pad_token_id,
           "cases": [{"text": t, "ids": r, "sentencepiece_ids": s} for t, r, s in zip(TEXTS, rows, raw)]}
    with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{name}: {len(model_bytes)} bytes, {len(TEXTS)} strings")
    return tok


def siglip_model(ms, out, model_bytes, Tok, vocab):
    name = "hf-siglip"
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    config = {
        "architectures": ["SiglipModel"], "model_type": "siglip", "initializer_factor": 1.0, "torch_dtype": "float32",
        "transformers_version": "4.45.0.dev0",
        "text_config": {"model_type": "siglip_text_model", "vocab_size": vocab, "hidden_size": 32, "intermediate_size": 48,
                        "num_hidden_layers": 2, "num_attention_heads": 2, "max_position_embeddings": CONTEXT,
                        "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6, "attention_dropout": 0.0,
                        "pad_token_id": 1, "bos_token_id": 49406, "eos_token_id": 1},
        "vision_config": {"model_type": "siglip_vision_model", "hidden_size": 32, "intermediate_size": 64,
                          "num_hidden_layers": 2, "num_attention_heads": 2, "num_channels": 3, "image_size": 32,
                          "patch_size": 8, "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6,
                          "attention_dropout": 0.0},
    }
    cfg = ms.SiglipConfig(**json.loads(json.dumps(config)))
    cfg._attn_implementation = "eager"
    model = ms.SiglipModel(cfg).eval()
    sd = randomise(model, 40)
    model.load_state_dict(sd, strict=True)
    save_safetensors(sd, os.path.join(d, "model.safetensors"))
    write_json(os.path.join(d, "config.json"), config)
    write_json(os.path.join(d, "preprocessor_config.json"), {
        "do_convert_rgb": None, "do_normalize": True, "do_rescale": True, "do_resize": True,
        "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "image_processor_type": "SiglipImageProcessor",
        "processor_class": "SiglipProcessor", "resample": 3, "rescale_factor": 1 / 255,
        "size": {"height": 32, "width": 32}})
    with open(os.path.join(d, "spiece.model"), "wb") as f:
        f.write(model_bytes)
    write_json(os.path.join(d, "tokenizer_config.json"), {
        "added_tokens_decoder": {
            "1": {"content": "</s>", "lstrip": True, "normalized": False, "rstrip": True, "single_word": False, "special": True},
            "2": {"content": "<unk>", "lstrip": True, "normalized": False, "rstrip": True, "single_word": False, "special": True}},
        "additional_special_tokens": [], "clean_up_tokenization_spaces": True, "do_lower_case": True, "eos_token": "</s>",
        "model_input_names": ["input_ids"], "model_max_length": CONTEXT, "pad_token": "</s>", "processor_class": "SiglipProcessor",
        "sp_model_kwargs": {}, "tokenizer_class": "SiglipTokenizer", "unk_token": "<unk>"})
    write_json(os.path.join(d, "special_tokens_map.json"), {"eos_token": "</s>", "pad_token": "</s>", "unk_token": "<unk>"})
    path = os.path.join(d, "spiece.model")
    tok = Tok(path, model_max_length=CONTEXT)
    texts = ["a photo of a cat.", "", "a bad photo of the great white shark swimming in the deep blue sea today"]
    rows = [tok.encode_row(t, CONTEXT) for t in texts]
    g = torch.Generator().manual_seed(41)
    rows.append(torch.randint(3, vocab, (CONTEXT,), generator=g).tolist())
    ids = torch.tensor(rows, dtype=torch.long)
    img = images(32, 42)
    with torch.no_grad():
        ie = model.get_image_features(pixel_values=img)
        te = model.get_text_features(input_ids=ids)
        o = model(input_ids=ids, pixel_values=img)
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)
    np.save(os.path.join(out, "expected", name + ".images.npy"), img.numpy().astype("<f4"))
    doc = {"fixture": name, "source": SOURCE, "generated_by": "tools/checkpoints/make_siglip_fixtures.py",
           "images_npy": name + ".images.npy", "texts": texts, "text_tokens": rows,
           "image_embeddings": ie.tolist(), "text_embeddings": te.tolist(),
           "logits_per_image": o.logits_per_image.tolist(),
           "logit_scale": float(model.logit_scale.exp()), "logit_bias": float(model.logit_bias)}
    with open(os.path.join(out, "expected", name + ".json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(d, p)) for p in os.listdir(d))
    print(f"{name}: {total} bytes in {d}")
    weights = os.path.getsize(os.path.join(d, "model.safetensors"))
    assert weights < 300_000, name + " checkpoint is over 300 KB"


def preprocess_fixture(out):
    """SiglipImageProcessor's pixel path on two non-square noise images: image_transforms.resize
    (l.329-335: a uint8 image goes to PIL unchanged and PIL.Image.resize((width, height), resample) is
    called), rescale (l.97-131: float64 product, float32 result), normalize (l.352-410) with mean = std = 0.5 in
    float32. Written as the expected pixels (N x 3 x 32 x 32 float32) for bicubic and bilinear."""
    from PIL import Image
    d = os.path.join(out, "preprocess")
    os.makedirs(d, exist_ok=True)
    rng = np.random.RandomState(43)
    cases, arrays = [], []
    for name, (w, h) in [("noise-53x37.png", (53, 37)), ("noise-20x64.png", (20, 64))]:
        yy, xx = np.mgrid[0:h, 0:w]
        base = np.stack([xx * 255 / max(w - 1, 1), yy * 255 / max(h - 1, 1), (xx + yy) % 32 * 8], -1)
        px = np.clip(base + rng.randint(-40, 41, size=(h, w, 3)), 0, 255).astype(np.uint8)
        Image.fromarray(px, "RGB").save(os.path.join(d, name), optimize=False)
        img = Image.open(os.path.join(d, name)).convert("RGB")
        for resample, label in [(3, "bicubic"), (2, "bilinear")]:
            r = np.array(img.resize((32, 32), resample=resample))
            x = (r.astype(np.float64) * (1 / 255)).astype(np.float32)
            x = (x - np.array([0.5] * 3, dtype=np.float32)) / np.array([0.5] * 3, dtype=np.float32)
            arrays.append(x.transpose(2, 0, 1))
            cases.append({"image": name, "size": [w, h], "resample": resample, "interpolation": label})
    np.save(os.path.join(d, "expected.npy"), np.stack(arrays).astype("<f4"))
    write_json(os.path.join(d, "expected.json"), {
        "source": SOURCE + " image_transforms.resize / SiglipImageProcessor, PIL " + __import__("PIL").__version__,
        "generated_by": "tools/checkpoints/make_siglip_fixtures.py", "size": {"height": 32, "width": 32},
        "mean": [0.5] * 3, "std": [0.5] * 3, "expected_npy": "expected.npy", "cases": cases})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--transformers", required=True, help="a transformers checkout's src/transformers")
    ap.add_argument("--out", default="src/test/resources/checkpoints")
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    templates = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "src", "main", "resources", "io",
                                            "clipwb", "core", "text", "prompt-sets.json")))["imagenet-80"]
    lines = corpus(templates)
    tmp = tempfile.mkdtemp(prefix="spm-train-")
    plain = train_spm(lines, os.path.join(tmp, "plain"), 200, False, "nmt_nfkc")
    bytes_ = train_spm(lines, os.path.join(tmp, "bytes"), 420, True, "identity")
    Tok = import_siglip_tokenizer(a.transformers)
    tokdir = os.path.join(a.out, "sentencepiece")
    os.makedirs(tokdir, exist_ok=True)
    # the nmt_nfkc model (as SigLIP's own) is the hf-siglip folder's spiece.model; the second one has byte
    # fallback and no normalisation rule
    token_fixture(Tok, plain, "unigram-200-nmt-nfkc", tokdir, "../hf-siglip/spiece.model")
    token_fixture(Tok, bytes_, "unigram-420-bytes-identity", tokdir, "unigram-420-bytes-identity.model")
    _mc, ms = upstream_shim.import_transformers(a.transformers)
    siglip_model(ms, a.out, plain, Tok, 200)
    preprocess_fixture(a.out)


if __name__ == "__main__":
    main()
