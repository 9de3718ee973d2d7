"""How the hard-coded numbers of ReferenceToolFingerprintsTest were produced: every one comes from
the reference tools' own code run on the shared images, never from this repository's Java code.

Inputs (read-only, from ../shared): data/imagenet-c-sample/bird.jpeg, data/imagenet-samples/*.JPEG,
data/rgbd/3dcc/{rgb,depth}/point_0_view_0_domain_*.png.
Reference code, checked out beside this script's caller and put on sys.path:
  * hendrycks/robustness  ImageNet-C/imagenet_c/imagenet_c/corruptions.py  (as `corruptions`)
      - run with scikit-image 0.26, SciPy 1.17, opencv-python 5.0 and Pillow 12.3 for the blurs,
        noises and the three colour corruptions, with `multichannel=True` spelled `channel_axis=-1`
        (scikit-image's new name for the same argument); run with Pillow 9.4 for pixelate and JPEG;
  * EPFL-VILAB/3DCommonCorruptions  create_3dcc/create_fog.py, create_dof.py, create_non3d.py
      (as `create_fog`, `create_dof`, `create_non3d`; torch 1.13 on CPU);
  * torchvision 0.14.1 on Pillow 9.4 for ImageNet-C's Resize(256) + CenterCrop(224).
Outputs are quantised with np.uint8 as make_imagenet_c.py does before they are fingerprinted.

Fingerprints (what the test compares):
  sha16(a)     first 16 hex digits of SHA-256 over the HWC uint8 array's bytes (C order);
  mean(a)      mean sample value of the uint8 array;
  sharp(a)     mean absolute difference of horizontally adjacent samples (per channel);
  mad(a, b)    mean absolute difference of two uint8 arrays.
Noise strengths average mad(corrupted, clean) over np.random.seed(0..5) (glass blur: 0..1, its
Python loop is slow; 3DCC ISO noise and low light: 0..3). Printed rounded to 3 decimals as pasted.

Caveat: this script was written from the test's description of the runs and has not been run in
this repository (no Pillow, scikit-image or torch here); the call signatures used for the 3DCC
functions (fog_3d(x, depth, s), refocus_image(x, depth, s, near=...), iso_noise/low_light(x, s))
follow that description and may need adapting to the checked-out commit of 3DCommonCorruptions.

Usage (not run in this repository's build or CI; it needs the tools above, which the build
machine does not have):
    python3 make_reference_fingerprints.py --shared ../../../../shared \
        --robustness /path/to/robustness/ImageNet-C/imagenet_c/imagenet_c \
        --3dcc /path/to/3DCommonCorruptions/create_3dcc
"""
import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np


def sha16(a):
    return hashlib.sha256(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).hexdigest()[:16]


def mean(a):
    return round(float(np.asarray(a, dtype=np.float64).mean()), 3)


def sharp(a):
    a = np.asarray(a, dtype=np.float64)
    return round(float(np.abs(a[:, 1:, :] - a[:, :-1, :]).mean()), 3)


def mad(a, b):
    return float(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)).mean())


def u8(x):
    # make_imagenet_c.py: np.uint8(corruption(img, severity))
    return np.uint8(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--robustness", required=True, help="folder holding hendrycks' corruptions.py")
    ap.add_argument("--3dcc", dest="tdcc", required=True, help="3DCommonCorruptions/create_3dcc")
    args = ap.parse_args()
    shared = Path(args.shared)
    sys.path[:0] = [args.robustness, args.tdcc]

    from PIL import Image, ImageOps
    import corruptions as C

    bird = Image.open(shared / "data/imagenet-c-sample/bird.jpeg").convert("RGB")
    clean = np.asarray(bird)

    # pixelate and JPEG (Pillow 9.4): hendrycks' functions return PIL images
    print("pixelate", [sha16(np.asarray(C.pixelate(bird, s))) for s in range(1, 6)])
    print("jpeg", [sha16(np.asarray(C.jpeg_compression(bird, s))) for s in range(1, 6)])

    # contrast, brightness, saturate: deterministic, bit-identical
    for name in ("contrast", "brightness", "saturate"):
        print(name, [sha16(u8(getattr(C, name)(bird, s))) for s in range(1, 6)])

    # blurs: mean and sharpness
    for name in ("gaussian_blur", "defocus_blur", "zoom_blur"):
        outs = [u8(getattr(C, name)(bird, s)) for s in range(1, 6)]
        print(name, [mean(o) for o in outs], [sharp(o) for o in outs])

    # noises and glass blur: strength, averaged over seeds
    for name, seeds in (("gaussian_noise", 6), ("shot_noise", 6), ("impulse_noise", 6), ("speckle_noise", 6),
                        ("glass_blur", 2)):
        row = []
        for s in range(1, 6):
            tot = 0.0
            for seed in range(seeds):
                np.random.seed(seed)
                tot += mad(u8(getattr(C, name)(bird, s)), clean)
            row.append(round(tot / seeds, 3))
        print(name, row)

    # ImageNet-C preprocessing, torchvision 0.14.1 on Pillow 9.4
    from torchvision import transforms

    pre = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224)])
    for f in ("n01440764_tench.JPEG", "n01530575_brambling.JPEG", "n01641577_bullfrog.JPEG"):
        img = Image.open(shared / "data/imagenet-samples" / f).convert("RGB")
        print("preprocess", f, sha16(np.asarray(pre(img))))

    # 3DCC on the Taskonomy frame
    t = shared / "data/rgbd/3dcc"
    rgb = Image.open(t / "rgb/point_0_view_0_domain_rgb.png").convert("RGB")
    rgb_np = np.asarray(rgb)
    print("color_quant", [sha16(np.asarray(ImageOps.posterize(rgb, 6 - s))) for s in range(1, 6)])

    import create_non3d

    for name in ("iso_noise", "low_light"):
        row = []
        for s in range(1, 6):
            tot = 0.0
            for seed in range(4):
                np.random.seed(seed)
                tot += mad(u8(getattr(create_non3d, name)(rgb_np / 255.0, s) * 255), rgb_np)
            row.append(round(tot / 4, 3))
        print(name, row)

    # fog 3D and near/far focus take depth as the reference's dataset.py loads it: raw 16-bit /
    # 8000, missing pixels (65535) filled with the largest valid depth; torch tensors NCHW in [0, 1]
    import torch
    import create_dof
    import create_fog

    raw = np.asarray(Image.open(t / "depth/point_0_view_0_domain_depth_euclidean.png")).astype(np.float64)
    valid = raw < 65535
    raw[~valid] = raw[valid].max()
    depth = torch.from_numpy(raw / 8000.0).float()[None, None]
    x = torch.from_numpy(rgb_np / 255.0).permute(2, 0, 1).float()[None]
    outs = {"fog_3d": [], "near_focus": [], "far_focus": []}
    for s in range(1, 6):
        outs["fog_3d"].append(create_fog.fog_3d(x, depth, s))
        outs["near_focus"].append(create_dof.refocus_image(x, depth, s, near=True))
        outs["far_focus"].append(create_dof.refocus_image(x, depth, s, near=False))
    for name, tensors in outs.items():
        arrs = [u8(o[0].permute(1, 2, 0).clamp(0, 1).numpy() * 255) for o in tensors]
        print(name, [mean(a) for a in arrs], [sharp(a) for a in arrs])


if __name__ == "__main__":
    main()
