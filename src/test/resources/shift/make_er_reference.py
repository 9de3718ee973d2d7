"""Expected numbers for ShiftTest's effective-robustness checks, computed without the Java code.

Effective robustness (Taori et al. 2020; modestyachts/imagenet-testbed): a least-squares line
through the baseline models' (T(ID accuracy), T(shift accuracy)) with T = logit or probit, and a
model's ER = its shift accuracy minus the line's prediction at its ID accuracy mapped back
through T^-1. Here: NumPy's polyfit for the line, r^2 as the squared Pearson correlation of the
transformed points, and Python's statistics.NormalDist for probit/Phi.
Run: python3 make_er_reference.py (NumPy 2.x); the test pastes the printed doubles.
"""
from statistics import NormalDist

import numpy as np

N = NormalDist()
T = {
    "logit": (lambda p: np.log(p / (1 - p)), lambda z: 1 / (1 + np.exp(-z))),
    "probit": (np.vectorize(N.inv_cdf), np.vectorize(N.cdf)),
}

# five baseline models, not on one line, and two models to evaluate
ID = np.array([0.55, 0.62, 0.70, 0.76, 0.81])
SHIFT = np.array([0.41, 0.47, 0.58, 0.63, 0.70])
TARGETS = {"robust": (0.70, 0.66), "weak": (0.85, 0.60)}

for axis, (fwd, inv) in T.items():
    tx, ty = fwd(ID), fwd(SHIFT)
    slope, intercept = np.polyfit(tx, ty, 1)
    r2 = np.corrcoef(tx, ty)[0, 1] ** 2
    print(axis, "slope", repr(float(slope)), "intercept", repr(float(intercept)), "r2", repr(float(r2)))
    for name, (x, y) in TARGETS.items():
        fitted = float(inv(slope * fwd(x) + intercept))
        print(axis, name, "fitted", repr(fitted), "er", repr(y - fitted))

# probit data on an exact line slope 1.2, intercept -0.3, for the fit-recovery check
x = [0.3, 0.5, 0.6, 0.9]
print("probit-line y", [repr(N.cdf(1.2 * N.inv_cdf(v) - 0.3)) for v in x])
print("probit(0.975)", repr(N.inv_cdf(0.975)), "Phi(1)", repr(N.cdf(1.0)))
