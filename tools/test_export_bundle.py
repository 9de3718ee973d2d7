"""Checks of tools/export_bundle.py and tools/clip_model.py (run: /usr/bin/python3 -m unittest tools/test_export_bundle.py).

Not part of the Maven build (the CI machine need not have PyTorch); the Java fixture test
DjlClipModelTest covers the exported files themselves.
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
import clip_model  # noqa: E402
import export_bundle as eb  # noqa: E402


def _tiny():
    return eb.tiny_random("vit", seed=0)


class ClipModelTest(unittest.TestCase):
    def test_text_is_pooled_at_the_eot_position_and_causal(self):
        torch.manual_seed(0)
        m = clip_model.tiny_vit().eval()
        t = torch.zeros(2, 77, dtype=torch.long)
        t[:, 0] = 49406
        t[:, 1:4] = torch.tensor([320, 1125, 49407])
        t[1, 4:10] = 7  # tokens after EOT cannot change the EOT feature (causal mask)
        with torch.no_grad():
            e = m.encode_text(t)
        self.assertTrue(torch.allclose(e[0], e[1], atol=1e-6))

    def test_towers_hold_only_their_weights(self):
        torch.manual_seed(0)
        m = clip_model.tiny_vit()
        towers = m.export_towers()
        names = {n for n, _ in towers["image"].named_parameters()}
        self.assertFalse(any("token_embedding" in n for n in names))
        self.assertFalse(any(n.startswith("visual") for n, _ in towers["text"].named_parameters()))

    def test_vit_b32_sizes(self):
        m = clip_model.vit_b32()
        n = sum(p.numel() for p in m.visual.parameters())
        self.assertAlmostEqual(n / 1e6, 87.8, delta=0.5)  # OpenAI ViT-B/32 image tower: 87.8 M


class ExportTest(unittest.TestCase):
    def test_bundle_and_fixtures(self):
        model, pre, tok, card = _tiny()
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "b"
            b = eb.export_bundle(model, out, name="t", preprocess=pre, tokenizer=tok, card=card, fixtures=True)
            self.assertEqual(b["embed_dim"], 32)
            self.assertEqual(b["patch_grid"], [4, 4])
            self.assertEqual(json.loads((out / "bundle.json").read_text()), b)
            exp = json.loads((out / "expected.json").read_text())
            self.assertEqual(len(exp["image_embeddings"]), 3)
            self.assertEqual(len(exp["patch_features"][0]), 16)
            traced = torch.jit.load(str(out / "text_encoder.pt"))
            with torch.no_grad():
                got = traced(torch.tensor(exp["tokens"]))
            self.assertLess(float((got - torch.tensor(exp["text_embeddings"])).abs().max()), 1e-5)

    def test_every_bad_field_is_reported(self):
        model, pre, tok, card = _tiny()
        pre = dict(pre, interpolation="nearest", mean=[0.5, 0.5])
        card = dict(card, loss="triplet")
        with self.assertRaises(eb.ExportError) as cm:
            eb.export_bundle(model, "/nonexistent/x", name="t", preprocess=pre, tokenizer=tok, card=card)
        msg = str(cm.exception)
        for field in ("preprocess.interpolation", "preprocess.mean", "card.loss"):
            self.assertIn(field, msg)

    def test_a_trace_that_freezes_the_batch_is_refused(self):
        class Frozen(nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner
                self.logit_scale = inner.logit_scale

            def encode_image(self, x):
                e = self.inner.encode_image(x)
                return e.reshape(int(x.shape[0]), -1)  # int() freezes the batch size in a trace

            def encode_text(self, t):
                return self.inner.encode_text(t)

        model, pre, tok, card = _tiny()
        with tempfile.TemporaryDirectory() as d, self.assertRaises(eb.ExportError) as cm:
            eb.export_bundle(Frozen(model), Path(d) / "b", name="t", preprocess=pre, tokenizer=tok, card=card,
                             patches=False)
        self.assertIn("image tower", str(cm.exception))

    def test_tokenizer_file_must_be_given(self):
        model, pre, tok, card = _tiny()
        tok = dict(tok, kind="word-vocab", file="vocab.json")
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(eb.ExportError):
                eb.export_bundle(model, Path(d) / "b", name="t", preprocess=pre, tokenizer=tok, card=card)
            vocab = Path(d) / "vocab.json"
            vocab.write_text("[]")
            eb.export_bundle(model, Path(d) / "b", name="t", preprocess=pre, tokenizer=tok, card=card,
                             tokenizer_files=[vocab])
            self.assertTrue((Path(d) / "b" / "vocab.json").is_file())

    def test_without_children_leaves_the_original_intact(self):
        model, *_ = _tiny()
        clone = eb.without_children(model, "visual")
        self.assertIsNone(clone._modules["visual"])
        self.assertIsNotNone(model.visual)


class ScriptTest(unittest.TestCase):
    def test_sources_and_the_script_share_one_export_error(self):
        import bundle_common
        import sources

        self.assertIs(sources.ExportError, eb.ExportError)
        self.assertIs(bundle_common.ExportError, eb.ExportError)

    def test_an_error_raised_in_sources_is_reported_without_a_traceback(self):
        # run as a script, export_bundle is __main__: an ExportError from sources.py must still be
        # caught by main() (it was a second class before bundle_common.py)
        import importlib.util
        import subprocess

        if importlib.util.find_spec("open_clip") is not None:
            self.skipTest("open_clip is installed: the missing-package error cannot be provoked")
        script = Path(__file__).resolve().parent / "export_bundle.py"
        with tempfile.TemporaryDirectory() as d:
            r = subprocess.run([sys.executable, str(script), "--open-clip", "ViT-B-32", "openai", "--out", str(Path(d) / "b")],
                               capture_output=True, text=True, timeout=300)
        self.assertEqual(2, r.returncode, r.stderr)
        self.assertIn("export_bundle: --open-clip needs the open_clip package", r.stderr)
        self.assertNotIn("Traceback", r.stderr)


if __name__ == "__main__":
    unittest.main()
