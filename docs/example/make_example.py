"""Writes the small example set of the README: three 48 x 64 masks with 4 classes and a model's predictions.

    python3 docs/example/make_example.py    (needs numpy)
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(3)
os.makedirs(os.path.join(here, "masks"), exist_ok=True)
os.makedirs(os.path.join(here, "predictions"), exist_ok=True)
h, w, classes = 48, 64, 4
yy, xx = np.mgrid[0:h, 0:w]
for k in range(3):
    mask = np.zeros((h, w), np.int32)                       # 0: background
    mask[yy > h * (0.55 + 0.1 * k)] = 1                     # 1: road
    cx, cy = rng.uniform(10, w - 10), rng.uniform(8, h / 2)
    mask[(xx - cx) ** 2 + (yy - cy) ** 2 < 60] = 2          # 2: a car
    mask[(xx > w - 12) & (yy < h / 2)] = 3                  # 3: a sign
    mask[0:2, :] = 255                                      # void border, ignored
    logits = rng.normal(0, 1.0, (h, w, classes))
    logits[np.arange(h)[:, None], np.arange(w)[None, :], np.clip(mask, 0, classes - 1)] += 2.5
    probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    np.save(os.path.join(here, "masks", "img%d.npy" % k), mask)
    np.savez_compressed(os.path.join(here, "predictions", "img%d.npz" % k), y_pred=probs.astype(np.float32))
