"""Generates retrieval_reference.json: recall values computed the way CLIP_benchmark does.

Reference: LAION-AI/CLIP_benchmark @ 082089f5, clip_benchmark/metrics/zeroshot_retrieval.py
(`evaluate`, `recall_at_k`, `batchify`): scores = texts_emb @ images_emb.T, a boolean positive-pair
matrix, torch.topk per query row, a query counts as correct when >= 1 positive is in its top k.
Median/mean rank follow VSE++ (fartashf/vsepp evaluation.py `i2t`/`t2i`): floor(median(rank0)) + 1.
CLIP_benchmark itself could not be pip-installed offline; this script re-implements its few lines
of tensor code with the same torch operations. Run with Debian's torch:
    /usr/bin/python3 make_reference.py > retrieval_reference.json
"""
import json

import numpy as np
import torch

rng = np.random.default_rng(20241128)
n_images, dim = 60, 16
caps_per_image = rng.integers(1, 6, size=n_images)  # 1..5 captions per image
text_to_image = np.repeat(np.arange(n_images), caps_per_image)
rng.shuffle(text_to_image)  # captions in arbitrary order, not grouped by image

images = rng.standard_normal((n_images, dim)).astype(np.float32)
# captions near their image so that recall is neither 0 nor 1
texts = (images[text_to_image] + 2.2 * rng.standard_normal((len(text_to_image), dim))).astype(np.float32)
images = torch.nn.functional.normalize(torch.from_numpy(images), dim=-1)
texts = torch.nn.functional.normalize(torch.from_numpy(texts), dim=-1)

scores = texts @ images.t()
positive = torch.zeros_like(scores, dtype=torch.bool)
positive[torch.arange(len(scores)), torch.from_numpy(text_to_image)] = True


def recall_at_k(s, pos, k):
    top = torch.topk(s, k, dim=1)[1]
    onehot = torch.nn.functional.one_hot(top, num_classes=s.shape[1])
    true_pos = (onehot * pos.view(s.shape[0], 1, s.shape[1])).sum(dim=(1, 2))
    return true_pos / pos.sum(dim=1)


def batched(s, pos, k, bs=7):
    return torch.cat([recall_at_k(s[a:a + bs], pos[a:a + bs], k) for a in range(0, len(s), bs)])


metrics = {}
for k in (1, 5, 10):
    metrics[f"image_retrieval_recall@{k}"] = (batched(scores, positive, k) > 0).float().mean().item()
    metrics[f"text_retrieval_recall@{k}"] = (batched(scores.T, positive.T, k) > 0).float().mean().item()

# VSE++ ranks (0-based) with numpy argsort, descending
s = scores.numpy()
i2t = np.array([min(np.where(np.argsort(-s[:, i], kind="stable") == t)[0][0]
                    for t in np.where(text_to_image == i)[0]) for i in range(n_images)])
t2i = np.array([np.where(np.argsort(-s[t], kind="stable") == text_to_image[t])[0][0] for t in range(len(s))])

out = {
    "source": "CLIP_benchmark zeroshot_retrieval.recall_at_k (torch.topk) re-run in torch "
              + torch.__version__ + "; VSE++ median/mean rank",
    "images": images.numpy().astype(float).tolist(),
    "texts": texts.numpy().astype(float).tolist(),
    "text_to_image": text_to_image.tolist(),
    "clip_benchmark": metrics,
    "image_to_text_ranks0": i2t.tolist(),
    "text_to_image_ranks0": t2i.tolist(),
    "image_to_text_medr": float(np.floor(np.median(i2t)) + 1),
    "image_to_text_meanr": float(i2t.mean() + 1),
    "text_to_image_medr": float(np.floor(np.median(t2i)) + 1),
    "text_to_image_meanr": float(t2i.mean() + 1),
}
print(json.dumps(out))
