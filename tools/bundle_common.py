"""What export_bundle.py and sources.py share: the export error and the tower wrappers.

Why a module of its own: export_bundle.py is run as a script (so it is ``__main__``) and imports
sources.py; if sources.py imported ``export_bundle`` it would load a second copy of it, whose
``ExportError`` is another class, and an error raised in sources.py would escape ``main()``'s
``except ExportError`` as a traceback. Both import from here instead.
"""

from __future__ import annotations

import copy

import torch
from torch import nn


class ExportError(Exception):
    """An export that cannot be done; the message says which input is at fault."""


class _Method(nn.Module):
    """forward = one method of a wrapped model (used when the model offers no export_towers())."""

    def __init__(self, model: nn.Module, method: str):
        super().__init__()
        self.model = model
        self.method = method

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return getattr(self.model, self.method)(x)


def without_children(model: nn.Module, *names: str) -> nn.Module:
    """A shallow copy of ``model`` whose named child modules are removed (set to None), so that a
    trace of one tower does not carry the other tower's weights. The original is untouched."""
    clone = copy.copy(model)
    clone._modules = dict(model._modules)  # type: ignore[attr-defined]
    for n in names:
        if n in clone._modules:
            clone._modules[n] = None
    return clone
