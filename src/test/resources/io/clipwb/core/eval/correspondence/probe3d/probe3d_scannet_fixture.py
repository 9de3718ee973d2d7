"""Expected Probe3D ScanNet-correspondence numbers on Open3D's RGB-D frames, computed by RUNNING
Probe3D's own functions (https://github.com/mbanani/probe3d).

Usage:
    /usr/bin/python3 probe3d_scannet_fixture.py PROBE3D FRAMES [OUT_DIR]

PROBE3D: a checkout of mbanani/probe3d or its bare git directory (then `evals/` is exported from
HEAD into a temporary folder). FRAMES: Open3D's RGB-D test frames (../shared/data/rgbd/open3d).
Needs torch (Debian: python3-torch), numpy and PIL. Nothing of Probe3D is copied here.

What runs: `evals.utils.correspondence.estimate_correspondence_depth`, `project_3dto2d`,
`compute_binned_performance` and `evals.utils.transformations.transform_points_Rt`,
`so3_rotation_angle`, unchanged, called as `evaluate_scannet_correspondence.py::main` calls them
(its lines 56-88 per pair, 136-151 for the metrics). Two substitutions, both outside the protocol:
  * `faiss` (a GPU index) is replaced by an exact brute-force L2 k-NN in torch (`GpuIndexFlatL2` is
    exact too), patched in as `correspondence.faiss_knn`;
  * `get_correspondences_ratio_test` is wrapped to record which pixels were selected.
Frames are read as `ScanNetPairsDataset.__getitem__` reads ScanNet (evals/datasets/scannet_pairs.py:
depth PNG / 1000, `Rt_01 = inv(Rt_1) @ Rt_0` of camera-to-world poses, here from Open3D's
trajectory.log), intrinsics from camera_primesense.json. Features are synthetic and seeded: per
frame a (GH, GW, D) grid of cosines of the world position seen at each cell (+ noise), written as
features/<frame>.npy so the Java test reads the very same numbers.
"""
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import types

import numpy as np
import torch
from PIL import Image

PAIRS = [(0, 4), (1, 3)]
GH, GW, D = 24, 32, 6
SEED = 7
SCALE_FACTOR = 0.25  # configs/scannet_correspondence.yaml
NUM_CORR = 1000      # configs/scannet_correspondence.yaml


def export_probe3d(src, dst):
    if os.path.isdir(os.path.join(src, "evals")):
        sys.path.insert(0, src)
        commit = subprocess.run(["git", "-C", src, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        return commit or "unknown"
    commit = subprocess.check_output(["git", "--git-dir", src, "rev-parse", "HEAD"], text=True).strip()
    data = subprocess.check_output(["git", "--git-dir", src, "archive", commit, "evals/utils"])
    tarfile.open(fileobj=io.BytesIO(data)).extractall(dst)
    sys.path.insert(0, dst)
    return commit


def stub_faiss():
    faiss = types.ModuleType("faiss")
    faiss.StandardGpuResources = lambda: None
    contrib = types.ModuleType("faiss.contrib")
    tu = types.ModuleType("faiss.contrib.torch_utils")
    faiss.contrib = contrib
    contrib.torch_utils = tu
    sys.modules.update({"faiss": faiss, "faiss.contrib": contrib, "faiss.contrib.torch_utils": tu})


def exact_knn(query, target, k):
    """Exact L2 k-NN (what faiss.GpuIndexFlatL2.search returns), in chunks."""
    dists, idx = [], []
    for s in range(0, query.shape[0], 2048):
        d = torch.cdist(query[s:s + 2048].double(), target.double())
        v, i = torch.topk(d, k, dim=1, largest=False)
        dists.append(v.float())
        idx.append(i)
    return torch.cat(dists), torch.cat(idx)


def read_poses(path):
    lines = [l.split() for l in open(path) if l.strip()]
    poses = []
    for i in range(0, len(lines), 5):
        poses.append(np.array([[float(x) for x in lines[i + r]] for r in range(1, 5)]))
    return poses


def read_k(path):
    cam = json.load(open(path))
    m = np.array(cam["intrinsic_matrix"], dtype=np.float64).reshape(3, 3).T  # Open3D stores it column-major
    return m, cam["width"], cam["height"]


def get_dep(path):
    # evals/datasets/scannet_pairs.py ScanNetPairsDataset.get_dep
    img = np.array(Image.open(path))
    return torch.tensor(img).float()[None, :, :] / 1000.0


def make_features(rng, depth_m, K, pose, omega, phase, W, H):
    f = np.empty((GH, GW, D), dtype=np.float32)
    Kinv = np.linalg.inv(K)
    for gy in range(GH):
        for gx in range(GW):
            u = int(round((gx + 0.5) * W / GW - 0.5))
            v = int(round((gy + 0.5) * H / GH - 0.5))
            z = float(depth_m[v, u])
            if z > 0:
                p = pose @ np.append(Kinv @ np.array([u * z, v * z, z]), 1.0)
                f[gy, gx] = np.cos(omega @ p[:3] + phase) + 0.15 * rng.standard_normal(D)
            else:
                f[gy, gx] = rng.standard_normal(D)
    return f


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    probe3d, frames = sys.argv[1], sys.argv[2]
    out_dir = sys.argv[3] if len(sys.argv) > 3 else here
    tmp = tempfile.mkdtemp()
    commit = export_probe3d(probe3d, tmp)
    stub_faiss()
    import evals.utils.correspondence as C
    from evals.utils.transformations import so3_rotation_angle, transform_points_Rt

    C.faiss_knn = exact_knn
    picked = []
    original = C.get_correspondences_ratio_test

    def recording(*a, **k):
        r = original(*a, **k)
        picked.append(r)
        return r

    C.get_correspondences_ratio_test = recording

    K, W, H = read_k(os.path.join(frames, "camera_primesense.json"))
    poses = read_poses(os.path.join(frames, "trajectory.log"))
    names = sorted(n[:-4] for n in os.listdir(os.path.join(frames, "depth")) if n.endswith(".png"))
    rng = np.random.default_rng(SEED)
    omega = rng.standard_normal((D, 3)) * 6.0
    phase = rng.uniform(0, 2 * np.pi, D)
    os.makedirs(os.path.join(out_dir, "features"), exist_ok=True)
    feats, deps = {}, {}
    for i in sorted({f for p in PAIRS for f in p}):
        dep = get_dep(os.path.join(frames, "depth", names[i] + ".png"))
        deps[i] = dep
        f = make_features(rng, dep[0].numpy(), K, poses[i], omega, phase, W, H)
        np.save(os.path.join(out_dir, "features", names[i] + ".npy"), f)
        feats[i] = torch.from_numpy(f).permute(2, 0, 1).contiguous()  # (D, GH, GW) as a backbone outputs

    err_2d, R_gt, per_pair = [], [], []
    for a, b in PAIRS:
        # evaluate_scannet_correspondence.py lines 58-88, with rgbs/model replaced by the features
        K_mat = torch.tensor(K).float()
        Rt_01 = torch.tensor(np.linalg.inv(poses[b]) @ poses[a])  # scannet_pairs.py: Rt_1.inverse() @ Rt_0
        Rt_gt = Rt_01.float()[:3, :4]
        R_gt.append(Rt_gt[:3, :3])
        f = torch.stack((feats[a], feats[b]), dim=0)
        d = torch.stack((deps[a], deps[b]), dim=0)
        d = torch.nn.functional.interpolate(d, scale_factor=SCALE_FACTOR)
        K_mat[:2, :] *= SCALE_FACTOR
        corr_xyz0, corr_xyz1, corr_dist = C.estimate_correspondence_depth(f[0], f[1], d[0], d[1], K_mat.clone(), NUM_CORR)
        corr_xyz0in1 = transform_points_Rt(corr_xyz0, Rt_gt)
        uv_0in1 = C.project_3dto2d(corr_xyz0in1, K_mat.clone())
        uv_1in1 = C.project_3dto2d(corr_xyz1, K_mat.clone())
        corr_err2d = (uv_0in1 - uv_1in1).norm(p=2, dim=1)
        err_2d.append(corr_err2d)
        # which scaled pixels were chosen: indices into the depth-valid points, row-major
        idx0, idx1, weights = picked[-1]
        valid0 = np.flatnonzero(d[0, 0].numpy().reshape(-1) > 0)
        valid1 = np.flatnonzero(d[1, 0].numpy().reshape(-1) > 0)
        per_pair.append({
            "a": names[a], "b": names[b],
            "scaled_size": [int(d.shape[-1]), int(d.shape[-2])],
            "valid_a": int(valid0.size), "valid_b": int(valid1.size),
            "query_pixel": [int(x) for x in valid0[idx0.numpy()]],
            "match_pixel": [int(x) for x in valid1[idx1.numpy()]],
            "weight": [round(float(x), 6) for x in weights],
            "error_px": [round(float(x), 5) for x in corr_err2d],
        })

    err_2d = torch.stack(err_2d, dim=0).float()
    R_gt = torch.stack(R_gt, dim=0).float()
    # lines 136-151
    recall = {}
    for th in [5, 10, 20]:
        recall["recall@%dpx" % th] = float((err_2d < th).float().mean())
    rel_ang = so3_rotation_angle(R_gt) * 180.0 / np.pi
    rec_10px = (err_2d < 10).float().mean(dim=1)
    bins = C.compute_binned_performance(rec_10px, rel_ang, [0, 15, 30, 60, 180])
    for p, ang, r10 in zip(per_pair, rel_ang, rec_10px):
        p["rotation_deg"] = float(ang)
        p["recall@10px"] = float(r10)
    out = {
        "source": "https://github.com/mbanani/probe3d/tree/%s (evaluate_scannet_correspondence.py, evals/utils/correspondence.py, evals/utils/transformations.py)" % commit,
        "commit": commit,
        "torch": torch.__version__,
        "scale_factor": SCALE_FACTOR, "num_corr": NUM_CORR, "grid": [GH, GW, D], "seed": SEED,
        "recall": recall,
        "rotation_bins": [None if np.isnan(float(x)) else float(x) for x in bins],
        "pairs": per_pair,
    }
    with open(os.path.join(out_dir, "expected.json"), "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
        fh.write("\n")
    print(json.dumps({"recall": recall, "bins": out["rotation_bins"], "angles": [p["rotation_deg"] for p in per_pair],
                      "valid": [(p["valid_a"], p["valid_b"]) for p in per_pair]}))


if __name__ == "__main__":
    main()
