"""Import the upstream modeling code itself, with only torch installed.

Why: the fidelity fixtures of the direct checkpoint loaders (io.clipwb.djl.checkpoint) must come from
the reference implementations, not from a re-statement written here. transformers and open_clip_torch
cannot be installed on the offline build machines, but their modeling files need little beyond torch:

* open_clip (mlfoundations/open_clip, snapshot 89fb801f1e6087880e951fc8354b8a2077b79c6d):
  src/open_clip/{model,transformer,modified_resnet,layers,utils,pos_embed,hf_model,timm_model}.py are
  imported unchanged as a package ``open_clip`` whose __init__ is empty (the real __init__ pulls the
  tokenizer's ftfy/regex). utils.py imports torchvision's FrozenBatchNorm2d, used only to freeze
  BatchNorm for fine-tuning; a stand-in module satisfies the import.
* transformers (huggingface/transformers d6751d91c8f58cdeb35af6adae182d7dc90aa883, 4.45.0.dev0):
  models/clip/modeling_clip.py, models/clip/configuration_clip.py, models/siglip/modeling_siglip.py,
  models/siglip/configuration_siglip.py, activations.py, modeling_attn_mask_utils.py and
  modeling_outputs.py are copied unchanged into a throw-away package ``transformers``; what they import
  from the library's infrastructure (PretrainedConfig, PreTrainedModel, ModelOutput, docstring
  decorators, logging) is replaced by the minimal stand-ins below, none of which takes part in a
  forward pass (weights are loaded with load_state_dict(strict=True) afterwards, so the stand-in
  PreTrainedModel's skipped weight init does not matter).
"""
import dataclasses
import logging as _logging
import os
import shutil
import sys
import tempfile
import types
from collections import OrderedDict

TRANSFORMERS_FILES = [
    "activations.py", "modeling_attn_mask_utils.py", "modeling_outputs.py",
    "models/clip/modeling_clip.py", "models/clip/configuration_clip.py",
    "models/siglip/modeling_siglip.py", "models/siglip/configuration_siglip.py",
]

UTILS_STUB = '''
import logging as _l
from collections import OrderedDict
import dataclasses

class _Logging:
    @staticmethod
    def get_logger(name):
        return _l.getLogger(name)

logging = _Logging()

def _identity_decorator(*a, **k):
    def deco(f):
        return f
    return deco

add_start_docstrings = _identity_decorator
add_start_docstrings_to_model_forward = _identity_decorator
replace_return_docstrings = _identity_decorator
add_code_sample_docstrings = _identity_decorator

def is_flash_attn_2_available():
    return False

def is_flash_attn_greater_or_equal_2_10():
    return False

class ModelOutput(OrderedDict):
    """Stand-in for transformers.utils.generic.ModelOutput: fields that are not None, by name or index."""
    def __post_init__(self):
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if v is not None:
                OrderedDict.__setitem__(self, f.name, v)

    def __getitem__(self, k):
        if isinstance(k, str):
            return OrderedDict.__getitem__(self, k)
        return self.to_tuple()[k]

    def to_tuple(self):
        return tuple(OrderedDict.__getitem__(self, k) for k in self.keys())
'''

CONFIG_STUB = '''
class PretrainedConfig:
    """Stand-in for transformers.configuration_utils.PretrainedConfig: keeps every keyword."""
    model_type = ""
    def __init__(self, **kwargs):
        self.output_attentions = kwargs.pop("output_attentions", False)
        self.output_hidden_states = kwargs.pop("output_hidden_states", False)
        self.return_dict = kwargs.pop("return_dict", True)
        self._attn_implementation = "eager"
        for k, v in kwargs.items():
            setattr(self, k, v)

    @property
    def use_return_dict(self):
        return self.return_dict

    def to_dict(self):
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
'''

MODELING_UTILS_STUB = '''
from torch import nn

class PreTrainedModel(nn.Module):
    """Stand-in for transformers.modeling_utils.PreTrainedModel: holds the config, nothing else."""
    def __init__(self, config, *args, **kwargs):
        super().__init__()
        self.config = config

    def post_init(self):
        pass

    @classmethod
    def _from_config(cls, config, **kwargs):
        if "attn_implementation" in kwargs and kwargs["attn_implementation"] is not None:
            config._attn_implementation = kwargs["attn_implementation"]
        return cls(config)
'''


def import_transformers(src):
    """``src`` = a transformers checkout's src/transformers folder. Returns (modeling_clip, modeling_siglip)."""
    root = tempfile.mkdtemp(prefix="hf-shim-")
    pkg = os.path.join(root, "transformers")
    for rel in TRANSFORMERS_FILES:
        dst = os.path.join(pkg, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(os.path.join(src, rel), dst)
    for d in ["", "models", "models/clip", "models/siglip"]:
        open(os.path.join(pkg, d, "__init__.py"), "w").close()
    os.makedirs(os.path.join(pkg, "utils"))
    with open(os.path.join(pkg, "utils", "__init__.py"), "w") as f:
        f.write(UTILS_STUB)
    with open(os.path.join(pkg, "configuration_utils.py"), "w") as f:
        f.write(CONFIG_STUB)
    with open(os.path.join(pkg, "modeling_utils.py"), "w") as f:
        f.write(MODELING_UTILS_STUB)
    with open(os.path.join(pkg, "pytorch_utils.py"), "w") as f:
        f.write("is_torch_greater_or_equal_than_2_2 = False\n")
    with open(os.path.join(pkg, "onnx.py"), "w") as f:
        f.write("class OnnxConfig:\n    pass\n")
    sys.path.insert(0, root)
    import transformers.models.clip.modeling_clip as mc
    import transformers.models.siglip.modeling_siglip as ms
    return mc, ms


def _sdpa(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    """torch.nn.functional.scaled_dot_product_attention as PyTorch 2.x documents it (eval mode:
    dropout is 0): softmax(q @ k^T * scale + mask) @ v, scale = 1/sqrt(head dim) unless given; a
    boolean mask keeps the True entries. Only installed where torch lacks it (Debian's torch 1.13)."""
    import math
    import torch
    s = (1.0 / math.sqrt(query.size(-1))) if scale is None else scale
    attn = query @ key.transpose(-2, -1) * s
    if is_causal:
        n, m = query.size(-2), key.size(-2)
        keep = torch.ones(n, m, dtype=torch.bool, device=query.device).tril(diagonal=0)
        attn = attn.masked_fill(~keep, float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            attn = attn.masked_fill(~attn_mask, float("-inf"))
        else:
            attn = attn + attn_mask
    return attn.softmax(dim=-1) @ value


def import_open_clip(src):
    """``src`` = an open_clip checkout's src/open_clip folder. Returns open_clip.model.

    open_clip's Attention (transformer.py l.222) and AttentionPool2d (modified_resnet.py l.80) call
    F.scaled_dot_product_attention, which torch 1.13 lacks: _sdpa above stands in for it there.
    """
    import torch.nn.functional as F
    if not hasattr(F, "scaled_dot_product_attention"):
        F.scaled_dot_product_attention = _sdpa
    for n in ["torchvision", "torchvision.ops", "torchvision.ops.misc"]:
        sys.modules.setdefault(n, types.ModuleType(n))
    sys.modules["torchvision.ops.misc"].FrozenBatchNorm2d = None  # only used by freeze_batch_norm_2d
    root = tempfile.mkdtemp(prefix="oc-shim-")
    pkg = os.path.join(root, "open_clip")
    os.makedirs(pkg)
    for name in os.listdir(src):
        if name.endswith(".py") and name != "__init__.py":
            shutil.copyfile(os.path.join(src, name), os.path.join(pkg, name))
    open(os.path.join(pkg, "__init__.py"), "w").close()
    sys.path.insert(0, root)
    import open_clip.model as om
    return om
