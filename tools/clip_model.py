"""CLIP's architecture in plain PyTorch, sized by constructor arguments.

This re-states the model of OpenAI CLIP (github.com/openai/CLIP, ``clip/model.py``: ``CLIP``,
``VisionTransformer``, ``ModifiedResNet``, ``AttentionPool2d``, ``Transformer``) so that the
workbench can build *tiny* CLIP models that have exactly CLIP's computation graph -- for test
fixtures, for the sample lab's small trained models, and for a ViT-B/32-sized benchmark tower --
without network access or third-party weights.  Parameter names follow OpenAI's, so a state dict of
a real OpenAI checkpoint loads into a model built with the matching sizes.

What is the same as CLIP
  * image tower, ViT: patchify conv (no bias) -> class token -> + positional embedding -> ``ln_pre``
    -> pre-LN transformer blocks (multi-head attention, MLP with QuickGELU) -> ``ln_post`` on the
    class token -> ``proj``;
  * image tower, ResNet ("ModifiedResNet"): 3-conv stem + avg pool, bottleneck blocks with
    anti-aliased strided convolutions (avg pool before the stride-1 3x3 output), attention pooling
    (the mean token queries all positions, with a learned positional embedding);
  * text tower: token embedding + positional embedding -> causal pre-LN transformer -> ``ln_final``
    -> the feature at the EOT position (``text.argmax(-1)``: CLIP's EOT id is the largest id of the
    vocabulary, so a tokenizer used with this model must give EOT the largest id) -> ``text_projection``;
  * ``logit_scale`` is a learned log temperature initialised to log(1/0.07).
  * Initialisation as in CLIP's ``initialize_parameters`` (including zero-initialised ``bn3``).

Patch tokens (``encode_patches``), which CLIP itself does not expose:
  * ViT: every token after ``ln_post`` except the class token, multiplied by ``proj`` -- i.e. the
    patch tokens mapped into the joint embedding space the same way as the class token (as used by
    MaskCLIP-style dense read-outs).  Shape N x (gh*gw) x embed_dim, row-major over the grid.
  * ResNet: the last feature map before attention pooling, N x C x gh x gw rearranged to
    N x (gh*gw) x C (C = width*32, *not* embed_dim).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "QuickGELU",
    "ResidualAttentionBlock",
    "Transformer",
    "VisionTransformer",
    "ModifiedResNet",
    "AttentionPool2d",
    "CLIP",
    "tiny_vit",
    "tiny_rn",
    "vit_b32",
]


class LayerNorm(nn.LayerNorm):
    """LayerNorm computed in float32 (CLIP's subclass, which matters only under fp16)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        orig = x.dtype
        return super().forward(x.type(torch.float32)).type(orig)


class QuickGELU(nn.Module):
    """x * sigmoid(1.702 x): the GELU approximation OpenAI CLIP was trained with."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    """Pre-LN transformer block on sequence-first input (L, N, D)."""

    def __init__(self, d_model: int, n_head: int, attn_mask: torch.Tensor | None = None):
        super().__init__()
        if d_model % n_head != 0:
            raise ValueError(f"width {d_model} is not divisible by heads {n_head}")
        self.attn = nn.MultiheadAttention(d_model, n_head)
        self.ln_1 = LayerNorm(d_model)
        self.mlp = nn.Sequential(
            OrderedDict(
                [
                    ("c_fc", nn.Linear(d_model, d_model * 4)),
                    ("gelu", QuickGELU()),
                    ("c_proj", nn.Linear(d_model * 4, d_model)),
                ]
            )
        )
        self.ln_2 = LayerNorm(d_model)
        self.attn_mask = attn_mask

    def attention(self, x: torch.Tensor) -> torch.Tensor:
        mask = self.attn_mask.to(dtype=x.dtype, device=x.device) if self.attn_mask is not None else None
        return self.attn(x, x, x, need_weights=False, attn_mask=mask)[0]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attention(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x


class Transformer(nn.Module):
    def __init__(self, width: int, layers: int, heads: int, attn_mask: torch.Tensor | None = None):
        super().__init__()
        self.width = width
        self.layers = layers
        self.resblocks = nn.Sequential(*[ResidualAttentionBlock(width, heads, attn_mask) for _ in range(layers)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.resblocks(x)


class VisionTransformer(nn.Module):
    def __init__(self, input_resolution: int, patch_size: int, width: int, layers: int, heads: int, output_dim: int):
        super().__init__()
        if input_resolution % patch_size != 0:
            raise ValueError(f"image size {input_resolution} is not a multiple of patch size {patch_size}")
        self.input_resolution = input_resolution
        self.output_dim = output_dim
        self.grid = input_resolution // patch_size
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch_size, stride=patch_size, bias=False)
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn(self.grid ** 2 + 1, width))
        self.ln_pre = LayerNorm(width)
        self.transformer = Transformer(width, layers, heads)
        self.ln_post = LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def tokens(self, x: torch.Tensor) -> torch.Tensor:
        """All tokens after the transformer, batch-first (N, 1 + gh*gw, width), before ln_post."""
        x = self.conv1(x)  # N, width, gh, gw
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)  # N, gh*gw, width
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype, device=x.device)
        x = torch.cat([cls, x], dim=1)
        x = x + self.positional_embedding.to(x.dtype)
        x = self.ln_pre(x)
        x = x.permute(1, 0, 2)  # NLD -> LND
        x = self.transformer(x)
        return x.permute(1, 0, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.tokens(x)
        return self.ln_post(x[:, 0, :]) @ self.proj

    def patch_tokens(self, x: torch.Tensor) -> torch.Tensor:
        """ln_post(tokens)[:, 1:] @ proj -> N x (gh*gw) x output_dim."""
        x = self.ln_post(self.tokens(x))
        return x[:, 1:, :] @ self.proj


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1):
        super().__init__()
        # all convolutions have stride 1; an avgpool follows the 3x3 when stride > 1 (anti-aliasing)
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu2 = nn.ReLU(inplace=True)
        self.avgpool = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu3 = nn.ReLU(inplace=True)
        self.downsample = None
        self.stride = stride
        if stride > 1 or inplanes != planes * Bottleneck.expansion:
            self.downsample = nn.Sequential(
                OrderedDict(
                    [
                        ("-1", nn.AvgPool2d(stride)),
                        ("0", nn.Conv2d(inplanes, planes * self.expansion, 1, stride=1, bias=False)),
                        ("1", nn.BatchNorm2d(planes * self.expansion)),
                    ]
                )
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        out = self.avgpool(out)
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu3(out)


class AttentionPool2d(nn.Module):
    """CLIP's attention pooling: the spatial mean (plus positional embedding) is the single query."""

    def __init__(self, spacial_dim: int, embed_dim: int, num_heads: int, output_dim: int | None = None):
        super().__init__()
        self.positional_embedding = nn.Parameter(torch.randn(spacial_dim ** 2 + 1, embed_dim) / embed_dim ** 0.5)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.c_proj = nn.Linear(embed_dim, output_dim or embed_dim)
        self.num_heads = num_heads

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.flatten(start_dim=2).permute(2, 0, 1)  # NCHW -> (HW)NC
        x = torch.cat([x.mean(dim=0, keepdim=True), x], dim=0)  # (HW+1)NC
        x = x + self.positional_embedding[:, None, :].to(x.dtype)
        x, _ = F.multi_head_attention_forward(
            query=x[:1],
            key=x,
            value=x,
            embed_dim_to_check=x.shape[-1],
            num_heads=self.num_heads,
            q_proj_weight=self.q_proj.weight,
            k_proj_weight=self.k_proj.weight,
            v_proj_weight=self.v_proj.weight,
            in_proj_weight=None,
            in_proj_bias=torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]),
            bias_k=None,
            bias_v=None,
            add_zero_attn=False,
            dropout_p=0.0,
            out_proj_weight=self.c_proj.weight,
            out_proj_bias=self.c_proj.bias,
            use_separate_proj_weight=True,
            training=self.training,
            need_weights=False,
        )
        return x.squeeze(0)


class ModifiedResNet(nn.Module):
    """CLIP's ResNet: 3-conv stem, anti-aliased strided blocks, attention pooling (total stride 32)."""

    def __init__(self, layers: Sequence[int], output_dim: int, heads: int, input_resolution: int = 224, width: int = 64):
        super().__init__()
        if input_resolution % 32 != 0:
            raise ValueError(f"ResNet image size {input_resolution} is not a multiple of 32")
        self.output_dim = output_dim
        self.input_resolution = input_resolution
        self.grid = input_resolution // 32
        self.conv1 = nn.Conv2d(3, width // 2, kernel_size=3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width // 2)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(width // 2, width // 2, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width // 2)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv3 = nn.Conv2d(width // 2, width, kernel_size=3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.relu3 = nn.ReLU(inplace=True)
        self.avgpool = nn.AvgPool2d(2)
        self._inplanes = width
        self.layer1 = self._make_layer(width, layers[0])
        self.layer2 = self._make_layer(width * 2, layers[1], stride=2)
        self.layer3 = self._make_layer(width * 4, layers[2], stride=2)
        self.layer4 = self._make_layer(width * 8, layers[3], stride=2)
        self.feature_dim = width * 32
        self.attnpool = AttentionPool2d(input_resolution // 32, self.feature_dim, heads, output_dim)

    def _make_layer(self, planes: int, blocks: int, stride: int = 1) -> nn.Sequential:
        mods = [Bottleneck(self._inplanes, planes, stride)]
        self._inplanes = planes * Bottleneck.expansion
        for _ in range(1, blocks):
            mods.append(Bottleneck(self._inplanes, planes))
        return nn.Sequential(*mods)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The last feature map before attention pooling: N x (width*32) x gh x gw."""
        x = x.type(self.conv1.weight.dtype)
        x = self.relu1(self.bn1(self.conv1(x)))
        x = self.relu2(self.bn2(self.conv2(x)))
        x = self.relu3(self.bn3(self.conv3(x)))
        x = self.avgpool(x)
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.attnpool(self.features(x))

    def patch_tokens(self, x: torch.Tensor) -> torch.Tensor:
        f = self.features(x)
        return f.flatten(start_dim=2).permute(0, 2, 1)  # N x (gh*gw) x C


class CLIP(nn.Module):
    """CLIP with either image tower.

    Args:
        embed_dim: width of the joint embedding space.
        image_resolution: input image size (square).
        vision_layers: an int -> ViT with that many blocks; a 4-tuple -> ModifiedResNet block counts.
        vision_width: ViT width, or the ResNet base width (stem output; final features = 32x).
        vision_patch_size: ViT patch size (ignored for ResNet).
        context_length: text sequence length (77 for CLIP).
        vocab_size: token vocabulary (49408 for CLIP's BPE).
        transformer_width / transformer_heads / transformer_layers: text transformer sizes.
        vision_heads: attention heads of the image tower; default as in CLIP
            (ViT: width // 64, ResNet: width * 32 // 64), at least 1.
    """

    def __init__(
        self,
        embed_dim: int,
        image_resolution: int,
        vision_layers: Union[Tuple[int, int, int, int], Sequence[int], int],
        vision_width: int,
        vision_patch_size: int | None,
        context_length: int,
        vocab_size: int,
        transformer_width: int,
        transformer_heads: int,
        transformer_layers: int,
        vision_heads: int | None = None,
    ):
        super().__init__()
        self.context_length = context_length
        self.vocab_size = vocab_size
        self.embed_dim = embed_dim
        self.image_resolution = image_resolution
        if isinstance(vision_layers, (tuple, list)):
            heads = vision_heads or max(1, vision_width * 32 // 64)
            self.visual = ModifiedResNet(
                layers=vision_layers, output_dim=embed_dim, heads=heads, input_resolution=image_resolution, width=vision_width
            )
            self.architecture_family = "ResNet"
        else:
            heads = vision_heads or max(1, vision_width // 64)
            self.visual = VisionTransformer(
                input_resolution=image_resolution,
                patch_size=vision_patch_size,
                width=vision_width,
                layers=vision_layers,
                heads=heads,
                output_dim=embed_dim,
            )
            self.architecture_family = "ViT"
        self.transformer = Transformer(
            width=transformer_width, layers=transformer_layers, heads=transformer_heads, attn_mask=self.build_attention_mask()
        )
        self.token_embedding = nn.Embedding(vocab_size, transformer_width)
        self.positional_embedding = nn.Parameter(torch.empty(context_length, transformer_width))
        self.ln_final = LayerNorm(transformer_width)
        self.text_projection = nn.Parameter(torch.empty(transformer_width, embed_dim))
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(1 / 0.07))
        self.initialize_parameters()

    def initialize_parameters(self) -> None:
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        nn.init.normal_(self.positional_embedding, std=0.01)
        if isinstance(self.visual, ModifiedResNet):
            ap = self.visual.attnpool
            std = ap.c_proj.in_features ** -0.5
            for lin in (ap.q_proj, ap.k_proj, ap.v_proj, ap.c_proj):
                nn.init.normal_(lin.weight, std=std)
            for block in (self.visual.layer1, self.visual.layer2, self.visual.layer3, self.visual.layer4):
                for name, param in block.named_parameters():
                    if name.endswith("bn3.weight"):
                        nn.init.zeros_(param)
        width = self.transformer.width
        proj_std = (width ** -0.5) * ((2 * self.transformer.layers) ** -0.5)
        attn_std = width ** -0.5
        fc_std = (2 * width) ** -0.5
        for block in self.transformer.resblocks:
            nn.init.normal_(block.attn.in_proj_weight, std=attn_std)
            nn.init.normal_(block.attn.out_proj.weight, std=proj_std)
            nn.init.normal_(block.mlp.c_fc.weight, std=fc_std)
            nn.init.normal_(block.mlp.c_proj.weight, std=proj_std)
        nn.init.normal_(self.text_projection, std=width ** -0.5)

    def build_attention_mask(self) -> torch.Tensor:
        # additive causal mask: -inf above the diagonal
        mask = torch.empty(self.context_length, self.context_length)
        mask.fill_(float("-inf"))
        mask.triu_(1)
        return mask

    @property
    def dtype(self) -> torch.dtype:
        return self.token_embedding.weight.dtype

    # -- towers ---------------------------------------------------------------------------------
    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        """N x 3 x H x W float (normalised) -> N x embed_dim (not normalised)."""
        return self.visual(image.type(self.dtype))

    def encode_text(self, text: torch.Tensor) -> torch.Tensor:
        """N x context_length int64 -> N x embed_dim (not normalised), pooled at argmax id (EOT)."""
        return _text_forward(self, text)

    def encode_patches(self, image: torch.Tensor) -> torch.Tensor:
        """N x 3 x H x W -> N x (gh*gw) x d patch features (see the module docstring)."""
        return self.visual.patch_tokens(image.type(self.dtype))

    @property
    def patch_grid(self) -> Tuple[int, int]:
        return (self.visual.grid, self.visual.grid)

    def export_towers(self) -> dict:
        """Modules that each hold only one tower's weights (what tools/export_bundle.py traces)."""
        return {"image": ImageTower(self.visual), "text": TextTower(self), "patch": PatchTower(self.visual)}

    def forward(self, image: torch.Tensor, text: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """CLIP's logits: (image x text, text x image), logit_scale * cosine."""
        img = self.encode_image(image)
        txt = self.encode_text(text)
        img = img / img.norm(dim=1, keepdim=True)
        txt = txt / txt.norm(dim=1, keepdim=True)
        logits_per_image = self.logit_scale.exp() * img @ txt.t()
        return logits_per_image, logits_per_image.t()


def _text_forward(m, text: torch.Tensor) -> torch.Tensor:
    """CLIP's encode_text on any object holding its text modules (CLIP itself or TextTower)."""
    dtype = m.token_embedding.weight.dtype
    x = m.token_embedding(text).type(dtype)
    x = x + m.positional_embedding.type(dtype)
    x = x.permute(1, 0, 2)  # NLD -> LND
    x = m.transformer(x)
    x = x.permute(1, 0, 2)
    x = m.ln_final(x).type(dtype)
    # the EOT token has the largest id in each row
    return x[torch.arange(x.shape[0]), text.argmax(dim=-1)] @ m.text_projection


class ImageTower(nn.Module):
    """forward = the image tower only (for tracing without the text weights)."""

    def __init__(self, visual: nn.Module):
        super().__init__()
        self.visual = visual

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.visual(image)


class PatchTower(ImageTower):
    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.visual.patch_tokens(image)


class TextTower(nn.Module):
    """forward = CLIP.encode_text, holding only the text modules (shared with the CLIP it came from)."""

    def __init__(self, clip: "CLIP"):
        super().__init__()
        self.token_embedding = clip.token_embedding
        self.positional_embedding = clip.positional_embedding
        self.transformer = clip.transformer
        self.ln_final = clip.ln_final
        self.text_projection = clip.text_projection

    def forward(self, text: torch.Tensor) -> torch.Tensor:
        return _text_forward(self, text)


# -- presets ------------------------------------------------------------------------------------

def tiny_vit(
    *,
    image_size: int = 32,
    patch_size: int = 8,
    width: int = 32,
    layers: int = 2,
    heads: int = 2,
    embed_dim: int = 32,
    vocab_size: int = 49408,
    context_length: int = 77,
    text_width: int = 12,
    text_layers: int = 2,
    text_heads: int = 2,
) -> CLIP:
    """A few-hundred-kilobyte ViT CLIP (plus the text vocabulary's embedding table)."""
    return CLIP(
        embed_dim=embed_dim,
        image_resolution=image_size,
        vision_layers=layers,
        vision_width=width,
        vision_patch_size=patch_size,
        context_length=context_length,
        vocab_size=vocab_size,
        transformer_width=text_width,
        transformer_heads=text_heads,
        transformer_layers=text_layers,
        vision_heads=heads,
    )


def tiny_rn(
    *,
    image_size: int = 64,
    width: int = 4,
    blocks: Sequence[int] = (1, 1, 1, 1),
    heads: int = 2,
    embed_dim: int = 32,
    vocab_size: int = 49408,
    context_length: int = 77,
    text_width: int = 12,
    text_layers: int = 2,
    text_heads: int = 2,
) -> CLIP:
    """A small ModifiedResNet CLIP: final feature map (image_size/32)^2 x (width*32)."""
    return CLIP(
        embed_dim=embed_dim,
        image_resolution=image_size,
        vision_layers=tuple(blocks),
        vision_width=width,
        vision_patch_size=None,
        context_length=context_length,
        vocab_size=vocab_size,
        transformer_width=text_width,
        transformer_heads=text_heads,
        transformer_layers=text_layers,
        vision_heads=heads,
    )


def vit_b32() -> CLIP:
    """OpenAI's ViT-B/32 sizes (random weights): 224 px, patch 32, width 768 x 12 layers x 12 heads,
    text 512 x 12 x 8, embed 512."""
    return CLIP(
        embed_dim=512,
        image_resolution=224,
        vision_layers=12,
        vision_width=768,
        vision_patch_size=32,
        context_length=77,
        vocab_size=49408,
        transformer_width=512,
        transformer_heads=8,
        transformer_layers=12,
        vision_heads=12,
    )
