#!/usr/bin/env python3
"""Reference values for the cpu backend's TfFloatMath, from the oracle's own TensorFlow and C library.

TensorFlow's CPU kernels compute float32 log and exp with Eigen's packet polynomials, except for elements
left over after the last whole packet, which go to the C library (logf, expf). This writes, as float32 bit
patterns, arguments and what tf.math.log / tf.math.exp return for them, on whole packets and on tensors
shorter than a packet (the C library's path):

    conformance-tests/keras-oracle/.venv/bin/python conformance-tests/keras-oracle/tf_float_math.py [--check]

Run generate.py once first: it creates the virtual environment this uses. --check regenerates in memory and
fails if the committed file differs.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "backend-cpu", "src", "test", "resources", "io", "scce4j", "backend", "cpu",
                   "tf-float-math.json")
SUM_OUT = os.path.join(HERE, "..", "..", "api", "src", "test", "resources", "io", "scce4j", "keras", "tf-reduce-sum.txt")
SUM_SIZES = (1, 7, 8, 9, 31, 32, 33, 40, 100, 1000, 8191, 8192, 8193, 9000, 20000, 65537, 98304, 300001)
COUNT = 4096  # a multiple of every packet size, so TensorFlow computes every element with its polynomials
PACKET = 8  # floats per AVX packet, the oracle build's


def bits(a):
    return [int(v) for v in np.asarray(a, dtype=np.float32).view(np.uint32)]


def scalar_path(op, x):
    """op on tensors shorter than one packet, which TensorFlow hands element by element to the C library."""
    short = PACKET - 1
    return np.concatenate([op(tf.constant(x[i:i + short])).numpy() for i in range(0, len(x), short)])


def summands(n):
    """The values tf.reduce_sum adds, from a formula the Java test repeats exactly."""
    i = np.arange(n, dtype=np.int64)
    return ((i * 7919 % 10007) / 10007.0 - 0.25).astype(np.float32)


def reduce_sums():
    lines = ["# n, then the bits of tf.reduce_sum over float32(((i * 7919) % 10007) / 10007 - 0.25), i < n"]
    for n in SUM_SIZES:
        total = tf.reduce_sum(tf.constant(summands(n))).numpy()
        lines.append("%d %d" % (n, int(np.float32(total).view(np.uint32))))
    return "\n".join(lines) + "\n"


def main():
    tf.config.threading.set_intra_op_parallelism_threads(1)
    rng = np.random.default_rng(11)
    # log arguments as Keras feeds them: clipped probabilities, spread over every binade in [1e-7, 1).
    log_x = np.exp(rng.uniform(np.log(1e-7), 0, COUNT)).astype(np.float32)
    log_x = np.clip(log_x, np.float32(1e-7), np.float32(1 - 1e-7))
    # exp arguments as the softmax cross-entropy kernel feeds them: z - max(z) <= 0, some underflowing.
    exp_x = np.concatenate([rng.uniform(-20, 0, COUNT - 64), rng.uniform(-110, -80, 64)]).astype(np.float32)
    tail_x = np.concatenate([rng.uniform(-20, 0, COUNT - 64), rng.uniform(-104, -86, 64)]).astype(np.float32)
    sum_x = rng.uniform(1, 150, COUNT).astype(np.float32)  # row sums of exp, whose log is scalar
    doc = {
        "generator": "conformance-tests/keras-oracle/tf_float_math.py",
        "tensorflow": tf.__version__,
        "packet_log": {"x": bits(log_x), "y": bits(tf.math.log(tf.constant(log_x)).numpy())},
        "packet_exp": {"x": bits(exp_x), "y": bits(tf.math.exp(tf.constant(exp_x)).numpy())},
        "scalar_log": {"x": bits(sum_x), "y": bits(scalar_path(tf.math.log, sum_x))},
        "scalar_exp": {"x": bits(tail_x), "y": bits(scalar_path(tf.math.exp, tail_x))},
    }
    outputs = {OUT: json.dumps(doc, separators=(",", ":")) + "\n", SUM_OUT: reduce_sums()}
    for path, text in outputs.items():
        if "--check" in sys.argv[1:]:
            with open(path) as f:
                if f.read() != text:
                    sys.exit("tf_float_math.py --check: " + path + " differs from what TensorFlow computes now")
            print(os.path.basename(path) + ": identical to what TensorFlow computes")
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
