"""Expected per-group ECE for CalibrationBehaviourTest.groupsGiveCalibrationPerGroupWithTheirItems.

Independent of the Java code: NumPy softmax and the equal-width ECE of Klaus-Tu/VLM_calibrate
(15 bins, a confidence c falls in the bin (lo, hi]; |mean confidence - accuracy| weighted by the
bin's share of the samples). Run: python3 make_group_ece.py (NumPy 2.x; printed with repr so the
Java test can paste the doubles exactly).
"""
import numpy as np

LOGITS = np.array([
    [2.0, 0.5, -1.0], [0.1, 0.3, 0.2], [3.0, -2.0, 0.0], [1.0, 1.2, 0.9],
    [-0.5, 2.5, 0.0], [0.0, 0.0, 4.0], [1.5, 1.4, -3.0], [0.2, -0.1, 2.2],
    [5.0, 1.0, 1.0], [0.3, 0.3, 0.4], [-1.0, 0.0, 1.0], [2.2, 2.0, 1.8],
], dtype=np.float64)
LABELS = np.array([0, 2, 0, 0, 1, 2, 1, 2, 0, 1, 0, 2])
GROUPS = {"fog/1": np.arange(0, 12, 2), "fog/2": np.arange(1, 12, 2)}


def ece(logits, labels, n_bins=15):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    conf = p.max(axis=1)
    correct = (p.argmax(axis=1) == labels).astype(np.float64)
    edges = np.linspace(0, 1, n_bins + 1)
    e = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            e += abs(conf[m].mean() - correct[m].mean()) * m.mean()
    return e


for name, rows in GROUPS.items():
    print(name, repr(float(ece(LOGITS[rows], LABELS[rows]))))
print("all", repr(float(ece(LOGITS, LABELS))))
