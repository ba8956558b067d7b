#!/usr/bin/env python3
"""Times Keras itself on a batch written by `scce4j bench --against-keras`, so that "x Keras" is measured, not
remembered. Runs inside the oracle's pinned environment (.venv beside this file; generate.py creates it).

    .venv/bin/python bench_keras.py --dir DIR --threads T --repetitions R

DIR holds y_true.npy (int32), probs.npy and logits.npy (float32) as `scce4j bench` wrote them. Each op runs as a
`tf.function` (Keras 3 on TensorFlow, the loss object with its default reduction), warmed up R times, then timed
R times; the script prints one JSON object with the median, min and max milliseconds of each op.
"""
import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dir", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repetitions", type=int, default=15)
    a = p.parse_args()

    import numpy as np
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(a.threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    import keras

    y_true = tf.constant(np.load(os.path.join(a.dir, "y_true.npy")))
    probs = tf.constant(np.load(os.path.join(a.dir, "probs.npy")))
    logits = tf.constant(np.load(os.path.join(a.dir, "logits.npy")))
    loss = keras.losses.SparseCategoricalCrossentropy()
    loss_logits = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    @tf.function
    def value(y, p):
        return loss(y, p)

    @tf.function
    def value_logits(y, z):
        return loss_logits(y, z)

    @tf.function
    def with_gradient(y, p):
        with tf.GradientTape() as tape:
            tape.watch(p)
            v = loss(y, p)
        return v, tape.gradient(v, p)

    @tf.function
    def predict(z):
        return tf.argmax(z, axis=-1)

    ops = {"loss": lambda: value(y_true, probs), "loss-logits": lambda: value_logits(y_true, logits),
           "loss+gradient": lambda: with_gradient(y_true, probs), "predict": lambda: predict(logits)}
    out = {"keras": keras.__version__, "tensorflow": tf.__version__, "threads": a.threads, "ops": {}}
    for name, op in ops.items():
        for _ in range(a.repetitions):
            tf.nest.map_structure(lambda t: t.numpy(), op())  # results to host memory, as the JVM gets them
        times = []
        for _ in range(a.repetitions):
            start = time.perf_counter()
            tf.nest.map_structure(lambda t: t.numpy(), op())
            times.append((time.perf_counter() - start) * 1e3)
        times.sort()
        mid = len(times) // 2
        median = times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2
        out["ops"][name] = {"median_ms": median, "min_ms": times[0], "max_ms": times[-1]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
