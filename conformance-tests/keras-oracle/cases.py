"""The case matrix of the Keras oracle. Imported by generate.py inside its virtual environment, one profile per
process. Inputs come from a seeded NumPy generator; every expected value is returned by Keras or TensorFlow."""
import base64
import json
import os
import platform
import re

import numpy as np
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)  # one thread: reductions sum in one fixed order
tf.config.threading.set_inter_op_parallelism_threads(1)

FORMAT = "scce4j-cases/1"
CLASSES = (2, 3, 23, 150)
LEADING = {1: (5,), 2: (2, 3), 3: (2, 3, 4), 4: (2, 2, 2, 3)}
LABEL_RANGE = re.compile(r"Received a label value of (-?\d+) which is outside the valid range of \[0, (\d+)\)")


def keras_for(profile):
    if profile == "keras3":
        import keras
        return keras, keras.__version__
    import tf_keras
    return tf_keras, tf_keras.__version__


def reductions(profile):
    if profile == "keras3":
        return ["none", "sum", "sum_over_batch_size", "mean", "mean_with_sample_weight"]
    return ["none", "sum", "sum_over_batch_size", "auto"]


# ---------------------------------------------------------------- JSON -----------------------------------------

def number(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x  # json writes repr(float): the exact float64, so a float32 narrows back to its exact bits


LARGE = 4096  # arrays with more elements are stored as base64 of their little-endian bytes


def tensor(a):
    a = np.asarray(a)
    if a.size > LARGE:
        raw = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()
        return {"dtype": str(a.dtype), "shape": list(a.shape), "base64": base64.b64encode(raw).decode("ascii")}
    if a.dtype.kind == "f":
        data = [number(v) for v in a.ravel()]
    else:
        data = [int(v) for v in a.ravel()]
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": data}


# ---------------------------------------------------------------- Keras calls -----------------------------------

def classify(e):
    text = str(e)
    m = LABEL_RANGE.search(text)
    if m:
        return "label_out_of_range", type(e).__name__ + ": " + m.group(0)
    if isinstance(e, IndexError) and "out of bounds" in text:  # NumPy's gather of a label outside [0, C)
        return "label_out_of_range", type(e).__name__ + ": " + text.strip().splitlines()[0][:240]
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = re.sub(r"\{\{[^}]*\}\}\s*", "", first)[:240]
    lowered = first.lower()
    if "shape" in lowered or "rank" in lowered or "broadcastable" in lowered:
        return "shape_mismatch", type(e).__name__ + ": " + first
    return "invalid_argument", type(e).__name__ + ": " + first


class Profile:
    def __init__(self, name, seed, keras_backend="tensorflow"):
        self.name = name
        self.keras_backend = keras_backend
        self.keras, self.keras_version = keras_for(name)
        self.rng = np.random.default_rng(seed)
        self.seed = seed
        self.groups = {}

    def add(self, group, case):
        cases = self.groups.setdefault(group, [])
        case["id"] = "%s-%s-%03d" % (self.name, group, len(cases) + 1)
        cases.append(case)

    # -- inputs --
    def probabilities(self, shape, dtype):
        z = self.rng.normal(size=shape) * 2
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return (e / e.sum(axis=-1, keepdims=True)).astype(dtype)

    def logits(self, shape, dtype):
        return (self.rng.normal(size=shape) * 3).astype(dtype)

    def labels(self, shape, classes, dtype="int32"):
        return self.rng.integers(0, classes, size=shape).astype(dtype)

    # -- Keras --
    def loss_object(self, options):
        return self.keras.losses.SparseCategoricalCrossentropy(
            from_logits=options["from_logits"], reduction=options["reduction"], ignore_class=options["ignore_class"])

    def call(self, kind, options, y_true, y_pred, sample_weight):
        loss = self.loss_object(options)
        kwargs = {} if sample_weight is None else {"sample_weight": sample_weight}
        if kind == "predict":
            if self.keras_backend != "tensorflow":
                return np.asarray(self.keras.ops.argmax(y_pred, axis=-1))
            return tf.argmax(y_pred, axis=-1).numpy()
        if kind == "gradient":
            v = tf.Variable(y_pred)
            with tf.GradientTape() as tape:
                value = loss(y_true, v, **kwargs)
            return tape.gradient(value, v).numpy()
        return np.asarray(loss(y_true, y_pred, **kwargs))

    def case(self, group, comment, y_true, y_pred, kind="loss", from_logits=False, reduction="sum_over_batch_size",
             ignore_class=None, sample_weight=None, flags=()):
        if kind == "gradient" and self.keras_backend != "tensorflow":
            return  # no GradientTape on this Keras backend
        options = {"from_logits": from_logits, "reduction": reduction, "ignore_class": ignore_class}
        c = {"id": None, "comment": comment, "kind": kind, "flags": list(flags),
             "options": None if kind == "predict" else options,
             "y_true": None if y_true is None else tensor(y_true), "y_pred": tensor(y_pred),
             "sample_weight": None if sample_weight is None else tensor(sample_weight)}
        try:
            c["expected"] = tensor(self.call(kind, options, y_true, y_pred, sample_weight))
        except Exception as e:  # Keras raised: record that, and which error
            c["expected_error"], c["keras_error"] = classify(e)
        c["tolerance"] = {"abs": 0, "rel": 0}
        self.add(group, c)

    # -- output --
    def write(self, out):
        folder = os.path.join(out, self.name if self.keras_backend == "tensorflow"
                              else "%s-%s" % (self.name, self.keras_backend))
        os.makedirs(folder, exist_ok=True)
        for group, cases in self.groups.items():
            doc = {"format": FORMAT, "profile": self.name,
                   "source": "conformance-tests/keras-oracle/cases.py, group '%s'%s" % (group, "" if self.keras_backend
                      == "tensorflow" else "; informative: Keras on its %s backend" % self.keras_backend),
                   "generator": {"keras": self.keras_version, "keras_backend": self.keras_backend,
                                 "tensorflow": tf.__version__,
                                 "numpy": np.__version__,
                                 "python": ".".join(platform.python_version_tuple()[:2]), "seed": self.seed},
                   "cases": cases}
            with open(os.path.join(folder, group + ".json"), "w") as f:
                f.write(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")


# ---------------------------------------------------------------- the matrix ------------------------------------

def write_profile(name, out, seed, keras_backend="tensorflow"):
    p = Profile(name, seed, keras_backend)
    reds = reductions(name)
    dtypes = ("float32", "float64")
    k = 0
    for rank, lead in LEADING.items():
        for classes in CLASSES:
            for from_logits in (False, True):
                for red in reds:
                    dtype = dtypes[k % 2]
                    label_dtype = ("int32", "int64")[(k // 2) % 2]
                    k += 1
                    shape = lead + (classes,)
                    y_pred = p.logits(shape, dtype) if from_logits else p.probabilities(shape, dtype)
                    p.case("loss", "rank %d labels, C=%d, %s %s" % (rank, classes, dtype,
                           "logits" if from_logits else "probabilities"), p.labels(lead, classes, label_dtype),
                           y_pred, from_logits=from_logits, reduction=red)
    for rank, lead in LEADING.items():
        for classes in CLASSES:
            for from_logits in (False, True):
                dtype = dtypes[k % 2]
                red = reds[k % len(reds)]
                k += 1
                shape = lead + (classes,)
                y_pred = p.logits(shape, dtype) if from_logits else p.probabilities(shape, dtype)
                weights = p.rng.uniform(0, 2, size=lead).astype("float32") if k % 3 == 0 else None
                p.case("gradient", "d loss / d y_pred, rank %d, C=%d, %s" % (rank, classes, red),
                       p.labels(lead, classes), y_pred, kind="gradient", from_logits=from_logits, reduction=red,
                       sample_weight=weights)

    lead, classes = (2, 3, 4), 3
    shape = lead + (classes,)
    for ignore in (1, -1, 255):
        for from_logits in (False, True):
            for red in reds:
                labels = p.labels(lead, classes)
                labels[p.rng.uniform(size=lead) < 0.25] = ignore
                y_pred = p.logits(shape, "float32") if from_logits else p.probabilities(shape, "float32")
                p.case("ignore_class", "ignore_class=%d, %s" % (ignore, red), labels, y_pred,
                       from_logits=from_logits, reduction=red, ignore_class=ignore, flags=["IgnoreClass"])
        labels = p.labels(lead, classes)
        labels[0] = ignore
        p.case("ignore_class", "gradient with ignore_class=%d" % ignore, labels, p.probabilities(shape, "float32"),
               kind="gradient", ignore_class=ignore, flags=["IgnoreClass"])
    for from_logits in (False, True):
        for red in reds:
            p.case("ignore_class", "every element ignored, %s" % red, np.full(lead, 255, "int32"),
                   p.probabilities(shape, "float32"), from_logits=from_logits, reduction=red, ignore_class=255,
                   flags=["IgnoreClass", "AllIgnored"])

    for kind_name, make in (("scalar", lambda: np.array(0.7, "float32")),
                            ("per element", lambda: p.rng.uniform(0, 2, size=lead).astype("float32")),
                            ("trailing 1", lambda: p.rng.uniform(0, 2, size=lead + (1,)).astype("float32"))):
        for from_logits in (False, True):
            for red in reds:
                y_pred = p.logits(shape, "float32") if from_logits else p.probabilities(shape, "float32")
                p.case("sample_weight", "sample_weight %s, %s" % (kind_name, red), p.labels(lead, classes), y_pred,
                       from_logits=from_logits, reduction=red, sample_weight=make(), flags=["SampleWeight"])
        labels = p.labels(lead, classes)
        labels[1] = 255
        p.case("sample_weight", "sample_weight %s with ignore_class=255" % kind_name, labels,
               p.probabilities(shape, "float64"), reduction="sum_over_batch_size", ignore_class=255,
               sample_weight=make(), flags=["SampleWeight", "IgnoreClass"])
    p.case("sample_weight", "rank-1 loss with an [N, 1] weight", p.labels((4,), 3), p.probabilities((4, 3), "float32"),
           reduction="none", sample_weight=p.rng.uniform(0, 2, size=(4, 1)).astype("float32"), flags=["SampleWeight"])

    for from_logits in (False, True):
        for red in ("none", "sum_over_batch_size"):
            y_pred = p.logits(shape, "float32") if from_logits else p.probabilities(shape, "float32")
            p.case("trailing_one", "labels N x H x W x 1, %s" % red, p.labels(lead + (1,), classes), y_pred,
                   from_logits=from_logits, reduction=red, flags=["TrailingOne"])
            p.case("trailing_one", "gradient, labels N x H x W x 1, %s" % red, p.labels(lead + (1,), classes),
                   y_pred, kind="gradient", from_logits=from_logits, reduction=red, flags=["TrailingOne"])

    special(p)
    predict(p)
    errors(p)
    forum(p)
    if name == "keras3" and keras_backend == "tensorflow":
        metrics(p, out)
    broadcast_weights(p)
    flat_labels(p)
    evaluate(p)
    if keras_backend == "tensorflow":  # large; the informative backends' answers add nothing here
        full_size(p)
    p.write(out)


def metrics(p, out):
    """Keras's MeanIoU and per-class IoU (keras.metrics.IoU), with the loss over the same set, for `scce4j eval`."""
    keras = p.keras
    cases = []
    for k, (n, h, w, classes) in enumerate(((3, 6, 8, 4), (2, 5, 7, 3))):
        y_true = p.labels((n, h, w), classes)
        y_true[p.rng.uniform(size=(n, h, w)) < 0.15] = 255
        y_pred = p.probabilities((n, h, w, classes), "float32")
        miou = keras.metrics.MeanIoU(num_classes=classes, ignore_class=255, sparse_y_true=True, sparse_y_pred=False)
        miou.update_state(y_true, y_pred)
        per_class = []
        for c in range(classes):
            one = keras.metrics.IoU(num_classes=classes, target_class_ids=[c], ignore_class=255,
                                    sparse_y_true=True, sparse_y_pred=False)
            one.update_state(y_true, y_pred)
            per_class.append(number(one.result()))
        loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=255)(y_true, y_pred)
        cases.append({"id": "keras3-metrics-%03d" % (k + 1), "num_classes": classes, "ignore_class": 255,
                      "y_true": tensor(y_true), "y_pred": tensor(y_pred), "mean_iou": number(miou.result()),
                      "iou": per_class, "loss": number(loss)})
    doc = {"format": "scce4j-metrics/1", "profile": p.name,
           "source": "conformance-tests/keras-oracle/cases.py, metrics(): keras.metrics.MeanIoU and IoU",
           "generator": {"keras": p.keras_version, "keras_backend": p.keras_backend, "tensorflow": tf.__version__,
                         "numpy": np.__version__, "python": ".".join(platform.python_version_tuple()[:2]),
                         "seed": p.seed}, "cases": cases}
    folder = os.path.join(out, "..", "metrics")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keras3-mean-iou.json"), "w") as f:
        f.write(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")


def special(p):
    labels = np.array([0, 1, 2, 0, 1, 2], "int32")
    rows = {
        "exact 0 and 1 (correct, wrong, all zero, all one)": [[1, 0, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1], [0, 1, 0],
                                                              [0, 0, 1]],
        "unnormalized probabilities": [[0.1, 0.1, 0.1], [0.3, 0.2, 0.1], [2.0, 3.0, 1.0], [0.01, 0.02, 0.03],
                                       [0.5, 0.5, 0.5], [9, 1, 0.5]],
        "values above 1 and negative values": [[1.5, 0.2, 0.1], [2, 2, 2], [-0.5, 0.7, 0.8], [0.2, -1, 3],
                                               [1e3, 1, 1], [0.1, 0.9, -0.0]],
        "NaN and infinities": [[np.nan, 0.5, 0.5], [0.2, np.nan, 0.8], [np.inf, 0.5, 0.5], [0.5, 0.5, np.inf],
                               [-np.inf, 0.5, 0.5], [0.3, 0.3, -np.inf]],
    }
    for dtype, tiny in (("float32", 1e-40), ("float64", 1e-310)):
        data = dict(rows)
        data["subnormal values"] = [[tiny, 0.5, 0.5], [0.5, tiny, 0.5], [tiny, tiny, tiny], [tiny, 1, 0],
                                    [0.5, 0.5, tiny], [0, 0, tiny]]
        for comment, r in data.items():
            y_pred = np.array(r, dtype)
            for from_logits in (False, True):
                flags = ["Special"] + (["Clipping"] if not from_logits else [])
                p.case("special", "%s, %s, %s" % (comment, dtype, "logits" if from_logits else "probabilities"),
                       labels, y_pred, from_logits=from_logits, reduction="none", flags=flags)
            p.case("special", "gradient: %s, %s" % (comment, dtype), labels, y_pred, kind="gradient",
                   reduction="sum", flags=["Special", "Clipping"])
        big = np.array([[1e4, -1e4, 0], [-1e4, 1e4, 0], [0, 0, 1e4], [1e4, 1e4, -1e4], [-1e4, -1e4, -1e4],
                        [5e3, -5e3, 1e4]], dtype)
        for red in ("none", "sum_over_batch_size"):
            p.case("special", "logits of +-1e4, %s, %s" % (dtype, red), labels, big, from_logits=True, reduction=red,
                   flags=["Special", "LargeLogits"])
        p.case("special", "gradient: logits of +-1e4, %s" % dtype, labels, big, kind="gradient", from_logits=True,
               flags=["Special", "LargeLogits"])


def predict(p):
    for rank, lead in LEADING.items():
        for classes in CLASSES:
            dtype = ("float32", "float64")[(rank + classes) % 2]
            p.case("predict", "argmax, rank %d, C=%d, %s" % (rank, classes, dtype), None,
                   p.probabilities(lead + (classes,), dtype), kind="predict")
    nan, inf = np.nan, np.inf
    tricky = {
        "ties go to the smallest index": [[0.5, 0.5, 0], [0.2, 0.4, 0.4], [1, 1, 1], [0, 0, 0]],
        "NaN is skipped, all NaN gives 0": [[nan, 1, 2], [nan, nan, nan], [1, nan, 1], [2, nan, 3]],
        "signed zeros tie": [[-0.0, 0.0, -1], [0.0, -0.0, -1], [-0.0, -0.0, -0.0], [-1, -0.0, 0.0]],
        "infinities": [[-inf, -inf, -inf], [-inf, nan, -3e38], [inf, inf, 0], [-inf, -inf, -1]],
    }
    for comment, rows in tricky.items():
        for dtype in ("float32", "float64"):
            p.case("predict", "%s, %s" % (comment, dtype), None, np.array(rows, dtype), kind="predict",
                   flags=["PredictEdge"])


def errors(p):
    probs = p.probabilities((2, 3, 3), "float32")
    for comment, labels in (("label equal to C", [[0, 1, 3], [0, 0, 0]]), ("negative label", [[0, -1, 2], [0, 0, 0]]),
                            ("label far out of range", [[0, 1, 2], [1000, 0, 0]])):
        for from_logits in (False, True):
            p.case("errors", comment, np.array(labels, "int32"), probs, from_logits=from_logits,
                   flags=["OutOfRangeLabel"])
    p.case("errors", "NaN label", np.array([[0, np.nan, 1], [0, 0, 0]], "float32"), probs, flags=["OutOfRangeLabel"])
    p.case("errors", "labels of another shape", p.labels((2, 4), 3), probs, flags=["ShapeMismatch"])
    p.case("errors", "labels of another rank", p.labels((2,), 3), probs, flags=["ShapeMismatch"])
    p.case("errors", "ignore_class does not excuse other out-of-range labels", np.array([[255, 7, 0], [0, 0, 0]],
           "int32"), probs, ignore_class=255, flags=["OutOfRangeLabel", "IgnoreClass"])
    # Reduction names the other Keras knows: each Keras raises ValueError when the loss is made.
    for red in (("auto",) if p.name == "keras3" else ("mean", "mean_with_sample_weight")):
        p.case("errors", "reduction '%s', which this Keras does not know" % red, np.array([[0, 1, 2], [2, 1, 0]],
               "int32"), probs,
               reduction=red, flags=["RejectedOption"])


def forum(p):
    y_pred = np.array([[[0.1, 0.9], [0.4, 0.6], [0.55, 0.45]], [[0.3, 0.7], [0.2, 0.8], [0.05, 0.95]],
                       [[0.15, 0.85], [0.25, 0.75], [0.01, 0.99]]])
    y_true = np.array([[0, 1, 1], [1, 1, 1], [1, 0, 1]])
    for red in ("none", "sum_over_batch_size"):
        p.case("forum", "the forum post's example (shared/seed), float64 as posted, %s" % red, y_true, y_pred,
               reduction=red, flags=["Forum"])
    p.case("forum", "the forum post's example as float32", y_true, y_pred.astype("float32"), flags=["Forum"])


def broadcast_weights(p):
    """Sample weights that broadcast to the loss: each Keras's rank rule, then NumPy broadcasting."""
    n, h, w, classes = 2, 3, 4, 3
    lead, shape = (n, h, w), (n, h, w, classes)
    forms = (("per image [N, 1, 1]", (n, 1, 1)), ("per row [1, H, 1]", (1, h, 1)), ("per column [W]", (w,)),
             ("per column [1, 1, W]", (1, 1, w)), ("one weight as [1]", (1,)),
             ("per row and image [N, H] (Keras 2 expands it; Keras 3 cannot broadcast it)", (n, h)),
             ("per image with a trailing 1 [N, 1, 1, 1]", (n, 1, 1, 1)))
    reds = reductions(p.name)
    for comment, wshape in forms:
        for red in reds:
            from_logits = red == "sum"
            y_pred = p.logits(shape, "float32") if from_logits else p.probabilities(shape, "float32")
            p.case("broadcast_weight", "sample_weight %s, %s" % (comment, red), p.labels(lead, classes), y_pred,
                   from_logits=from_logits, reduction=red, sample_weight=p.rng.uniform(0.1, 2, size=wshape)
                   .astype("float32"), flags=["SampleWeight", "BroadcastWeight"])
        labels = p.labels(lead, classes)
        labels[p.rng.uniform(size=lead) < 0.25] = 255
        for red in ("sum_over_batch_size", "sum"):
            p.case("broadcast_weight", "sample_weight %s with ignore_class=255, %s" % (comment, red), labels,
                   p.probabilities(shape, "float32"), reduction=red, ignore_class=255,
                   sample_weight=p.rng.uniform(0.1, 2, size=wshape).astype("float32"),
                   flags=["SampleWeight", "BroadcastWeight", "IgnoreClass"])
    grad_reds = ("sum_over_batch_size", "mean_with_sample_weight") if p.name == "keras3" else ("sum_over_batch_size",)
    for red in grad_reds:
        p.case("broadcast_weight", "gradient, sample_weight per image [N, 1, 1], %s" % red, p.labels(lead, classes),
               p.probabilities(shape, "float32"), kind="gradient", reduction=red,
               sample_weight=p.rng.uniform(0.1, 2, size=(n, 1, 1)).astype("float32"),
               flags=["SampleWeight", "BroadcastWeight"])
    p.case("broadcast_weight", "sample_weight [N, 1, 1] on float64 predictions", p.labels(lead, classes),
           p.probabilities(shape, "float64"), reduction="sum_over_batch_size",
           sample_weight=p.rng.uniform(0.1, 2, size=(n, 1, 1)).astype("float64"),
           flags=["SampleWeight", "BroadcastWeight"])
    p.case("broadcast_weight", "sample_weight [5] that broadcasts to nothing", p.labels(lead, classes),
           p.probabilities(shape, "float32"), sample_weight=np.ones((5,), "float32"),
           flags=["SampleWeight", "ShapeMismatch"])


def flat_labels(p):
    """Labels flattened to [N*H*W] (or [N, H*W]): tf_keras flattens any other rank; Keras 3 refuses them."""
    n, h, w, classes = 2, 3, 4, 3
    shape = (n, h, w, classes)
    for comment, lshape in (("[N*H*W]", (n * h * w,)), ("[N, H*W]", (n, h * w))):
        for red in ("none", "sum_over_batch_size"):
            p.case("flat_labels", "labels flattened to %s, %s" % (comment, red), p.labels(lshape, classes),
                   p.probabilities(shape, "float32"), reduction=red, flags=["FlatLabels"])
    p.case("flat_labels", "gradient, labels flattened to [N*H*W]", p.labels((n * h * w,), classes),
           p.probabilities(shape, "float32"), kind="gradient", flags=["FlatLabels"])
    p.case("flat_labels", "labels [N*H*W] with ignore_class=255", np.where(p.rng.uniform(size=n * h * w) < 0.2, 255,
           p.labels((n * h * w,), classes)).astype("int32"), p.probabilities(shape, "float32"),
           ignore_class=255, flags=["FlatLabels", "IgnoreClass"])
    p.case("flat_labels", "flattened labels of the wrong count", p.labels((n * h * w - 1,), classes),
           p.probabilities(shape, "float32"), flags=["FlatLabels", "ShapeMismatch"])


def confident(p, shape, boost=6.0):
    """Probabilities whose labelled class dominates (p about 0.99): per-pixel losses near 0.01, where float32
    cancellation makes the last bits of log and exp matter, at every position of an 8-float packet."""
    lead, classes = shape[:-1], shape[-1]
    labels = p.labels(lead, classes)
    z = p.rng.normal(size=shape) + boost * np.eye(classes)[labels]
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return labels, (e / e.sum(axis=-1, keepdims=True)).astype("float32")


def full_size(p):
    """Batches as large as real ones (2 x 96 x 128): every row position relative to TensorFlow's vector packets."""
    shape = (2, 96, 128, 5)
    labels, y_pred = confident(p, shape)
    for red in ("none", "sum_over_batch_size"):
        p.case("full_size", "2 x 96 x 128 x 5, confident rows, %s" % red, labels, y_pred, reduction=red,
               flags=["FullSize"])
    void = np.where(p.rng.uniform(size=shape[:-1]) < 0.1, 255, labels).astype("int32")
    p.case("full_size", "2 x 96 x 128 x 5, confident rows, 10% void (ignore_class=255), per-image weights", void,
           y_pred, ignore_class=255, sample_weight=np.array([0.5, 1.5], "float32").reshape(2, 1, 1),
           flags=["FullSize", "IgnoreClass", "SampleWeight", "BroadcastWeight"])
    if p.name == "keras3":
        p.case("full_size", "gradient, 2 x 96 x 128 x 5, confident rows", labels, y_pred, kind="gradient",
               flags=["FullSize"])
        p.case("full_size", "1 x 96 x 128 x 23 logits", p.labels((1, 96, 128), 23),
               p.logits((1, 96, 128, 23), "float32"), from_logits=True, flags=["FullSize"])


def evaluate(p):
    """model.evaluate against the loss of model.predict: a model ending in softmax is evaluated from its logits.

    A 1 x 1 convolution to C classes, then a softmax, with weights large enough that most probabilities fall
    below 1e-7. The cases record the loss of the logits (what evaluate computes) and of the probabilities (what
    the loss object computes from model.predict); the comments give model.evaluate's own number."""
    keras = p.keras
    n, h, w, channels, classes = 2, 8, 8, 3, 4
    x = p.rng.normal(size=(n, h, w, channels)).astype("float32")
    y = p.labels((n, h, w), classes)
    kernel = (p.rng.normal(size=(1, 1, channels, classes)) * 12).astype("float32")
    bias = np.zeros((classes,), "float32")
    inputs = keras.Input(shape=(h, w, channels))
    conv = keras.layers.Conv2D(classes, 1, name="logits")
    logits_out = conv(inputs)
    model = keras.Model(inputs, keras.layers.Softmax()(logits_out))
    conv.set_weights([kernel, bias])
    extra = {"jit_compile": False} if p.name == "keras3" else {}
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(), **extra)
    evaluated = np.float32(model.evaluate(x, y, batch_size=n, verbose=0))
    logits = keras.Model(inputs, logits_out).predict(x, batch_size=n, verbose=0).astype("float32")
    probs = model.predict(x, batch_size=n, verbose=0).astype("float32")
    below = float(np.mean(probs < 1e-7))
    from_logits = np.float32(keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, logits))
    from_probs = np.float32(keras.losses.SparseCategoricalCrossentropy()(y, probs))

    def bits(v):
        return "%r (0x%08x)" % (float(v), np.float32(v).view(np.uint32))
    facts = "model.evaluate gave %s; the loss of the logits is %s; of model.predict's probabilities %s; %.0f%% of " \
            "the probabilities are below 1e-7" % (bits(evaluated), bits(from_logits), bits(from_probs), 100 * below)
    p.case("evaluate", "the softmax's logits with from_logits=True: " + facts, y, logits, from_logits=True,
           flags=["Evaluate"])
    p.case("evaluate", "model.predict's probabilities: " + facts, y, probs, flags=["Evaluate"])



# ---------------------------------------------------------------- training (scce4j-training/1) ------------------
# Not part of write_profile: it runs in its own process with its own generator, so the vectors above never move.

TRAINING_FORMAT = "scce4j-training/1"
SEGMENTER = {"batch": 2, "height": 6, "width": 8, "channels": 3, "filters": 8, "classes": 5}
LEARNING_RATE = 0.1
STEPS = 3
SATURATION = 20.0  # the saturated batch: the ordinary images times this; about half the pixels get p_y < 1e-7


def segmenter(keras):
    """The tiny segmentation model of the training vectors: 3 x 3 convolution with relu, 1 x 1 convolution to the
    classes with softmax (DL4J imports exactly this from a tf_keras .h5)."""
    s = SEGMENTER
    inputs = keras.Input(shape=(s["height"], s["width"], s["channels"]), name="image")
    x = keras.layers.Conv2D(s["filters"], 3, padding="same", activation="relu", name="features")(inputs)
    outputs = keras.layers.Conv2D(s["classes"], 1, activation="softmax", name="classes")(x)
    return keras.Model(inputs, outputs, name="segmenter")


def compiled(p, weights, options):
    """A fresh segmenter with these weights, compiled as the vectors train it: plain SGD, jit_compile=False."""
    keras, legacy = p.keras, p.name != "keras3"
    model = segmenter(keras)
    model.set_weights(weights)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=options["from_logits"],
                                                      reduction=options["reduction"],
                                                      ignore_class=options["ignore_class"])
    if legacy:  # DL4J maps only the legacy optimizer's config; the update is the same var -= lr * grad
        optimizer = keras.optimizers.legacy.SGD(learning_rate=LEARNING_RATE, name="SGD")
        model.compile(optimizer=optimizer, loss=loss)
    else:
        optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE, name="sgd")
        model.compile(optimizer=optimizer, loss=loss, jit_compile=False)
    return model


def named_weights(model):
    return [dict(tensor(v.numpy()), name=v.path if hasattr(v, "path") else v.name.split(":")[0])
            for v in model.weights]


def training(p, out):
    """Keras's own training step: `model.fit` for three steps of one fixed batch (batch_size = the batch, so each
    epoch is one step and its logged loss is that step's loss, exactly: Keras's loss tracker weighs by the batch
    size 2), on an ordinary and a saturated batch, with ignore_class, sample weights and labels [N, H, W, 1].
    Records every step's loss, the final weights, and what the loss object says of model.predict's probabilities
    (the clipped path Keras's training does not take when it can reach the softmax's logits)."""
    keras = p.keras
    s = SEGMENTER
    n, h, w, c, f, k = s["batch"], s["height"], s["width"], s["channels"], s["filters"], s["classes"]
    x = p.rng.normal(size=(n, h, w, c)).astype("float32")
    y = p.labels((n, h, w), k)
    void = y.copy()
    void[p.rng.uniform(size=(n, h, w)) < 0.2] = 255
    pixel_weights = p.rng.uniform(0, 2, size=(n, h, w)).astype("float32")
    initial = [(p.rng.normal(size=(3, 3, c, f)) * 0.3).astype("float32"),
               (p.rng.normal(size=(f,)) * 0.1).astype("float32"),
               (p.rng.normal(size=(1, 1, f, k)) * 0.5).astype("float32"),
               (p.rng.normal(size=(k,)) * 0.1).astype("float32")]
    saturated = (x * np.float32(SATURATION)).astype("float32")
    plain = {"from_logits": False, "reduction": "sum_over_batch_size", "ignore_class": None}
    ignoring = dict(plain, ignore_class=255)
    scenarios = (
        ("ordinary batch", x, y, None, plain, ["Ordinary"]),
        ("saturated batch (images x %g)" % SATURATION, saturated, y, None, plain, ["Saturated"]),
        ("ordinary batch, ignore_class=255 on 20% of the pixels", x, void, None, ignoring,
         ["Ordinary", "IgnoreClass"]),
        ("saturated batch, ignore_class=255 on 20% of the pixels", saturated, void, None, ignoring,
         ["Saturated", "IgnoreClass"]),
        ("ordinary batch, per-pixel sample weights [N, H, W]", x, y, pixel_weights, plain,
         ["Ordinary", "SampleWeight"]),
        ("saturated batch, labels [N, H, W, 1]", saturated, y[..., None], None, plain, ["Saturated", "TrailingOne"]),
    )
    cases = []
    for i, (comment, images, labels, weights, options, flags) in enumerate(scenarios):
        model = compiled(p, initial, options)
        probabilities = model.predict(images, batch_size=n, verbose=0)
        loss_object = keras.losses.SparseCategoricalCrossentropy(**options)
        kwargs = {} if weights is None else {"sample_weight": weights}
        of_predict = np.float32(loss_object(labels, probabilities, **kwargs))
        history = model.fit(images, labels, sample_weight=weights, batch_size=n, epochs=STEPS, shuffle=False,
                            verbose=0)
        cases.append({"id": "%s-training-%03d" % (p.name, i + 1), "comment": comment, "flags": flags,
                      "options": options, "x": tensor(images), "y": tensor(labels),
                      "sample_weight": None if weights is None else tensor(weights),
                      "loss_of_predict": number(of_predict),
                      "expected": {"losses": [number(np.float32(v)) for v in history.history["loss"]],
                                   "weights": named_weights(model)}})
    # The model as a legacy .h5 before training: tf_keras's imports into DL4J, Keras 3's does not.
    h5 = "%s-segmenter.h5" % p.name
    compiled(p, initial, plain).save(os.path.join(out, h5))
    names = [wt["name"] for wt in named_weights(segmenter(keras))]
    doc = {"format": TRAINING_FORMAT, "profile": p.name,
           "source": "conformance-tests/keras-oracle/cases.py, training()",
           "generator": {"keras": p.keras_version, "keras_backend": p.keras_backend, "tensorflow": tf.__version__,
                         "numpy": np.__version__, "python": ".".join(platform.python_version_tuple()[:2]),
                         "h5py": __import__("h5py").__version__, "seed": p.seed},
           "model": {"name": "segmenter", "h5": h5, "input_shape": [h, w, c],
                     "layers": [{"name": "features", "type": "Conv2D", "filters": f, "kernel_size": [3, 3],
                                 "padding": "same", "activation": "relu"},
                                {"name": "classes", "type": "Conv2D", "filters": k, "kernel_size": [1, 1],
                                 "padding": "valid", "activation": "softmax"}]},
           "optimizer": {"name": "SGD" + (" (tf_keras.optimizers.legacy)" if p.name != "keras3" else ""),
                         "learning_rate": number(np.float32(LEARNING_RATE)), "momentum": 0.0},
           "fit": {"epochs": STEPS, "batch_size": n, "shuffle": False, "jit_compile": False},
           "initial_weights": [dict(tensor(v), name=nm) for nm, v in zip(names, initial)],
           "cases": cases}
    with open(os.path.join(out, "%s-training.json" % p.name), "w") as fh:
        fh.write(json.dumps(doc, separators=(",", ":"), allow_nan=False) + "\n")


def write_training(name, out, seed, example_out=None):
    """The training vectors of one profile (its own process and generator; see training()), and under keras3 the
    U-Net example's reference numbers."""
    os.makedirs(out, exist_ok=True)
    # This process fits fresh models on purpose: tf.function's retracing warnings and the legacy-.h5 notices are
    # expected here, so they are not printed.
    import warnings
    import absl.logging
    tf.get_logger().setLevel("ERROR")
    absl.logging.set_verbosity(absl.logging.ERROR)
    warnings.filterwarnings("ignore", message=".*HDF5 file.*")
    p = Profile(name, seed)
    training(p, out)
    if example_out and name == "keras3":
        unet_example(p, example_out)


# ---------------------------------------------------------------- the U-Net example's reference numbers ----------
# examples/unet-training generates the same images and initial weights in Java, from the same integer formulas,
# trains with TensorFlow Java and prints its step losses beside these.

UNET = {"images": 4, "size": 32, "channels": 3, "classes": 3, "steps": 5}
UNET_COLORS = ((1, 2, 3), (3, 1, 1), (1, 3, 1))  # per class, in quarters: background, disc, square
UNET_SHIFTS = {"down": 8, "bottom": 9, "merge": 10, "classes": 7, "bias": 10}  # weights are integers / 2^shift


def unet_batch():
    """Images with a disc (class 1) and a square (class 2) on a background (class 0), plus a fixed pattern; every
    value is an integer / 64, exact in float32."""
    n, s, ch = UNET["images"], UNET["size"], UNET["channels"]
    x = np.zeros((n, s, s, ch), "float32")
    y = np.zeros((n, s, s), "int32")
    for k in range(n):
        cy, cx, r = 8 + (5 * k) % 16, 8 + (11 * k) % 16, 5 + k % 3
        sy, sx, a = (3 + 7 * k) % 20, (17 + 13 * k) % 20, 8 + k % 4
        for i in range(s):
            for j in range(s):
                if sy <= i < sy + a and sx <= j < sx + a:
                    label = 2
                elif (i - cy) ** 2 + (j - cx) ** 2 < r * r:
                    label = 1
                else:
                    label = 0
                y[k, i, j] = label
                for c in range(ch):
                    x[k, i, j, c] = (16 * UNET_COLORS[label][c] + (i * 7 + j * 13 + c * 5 + k * 3) % 11 - 5) / 64.0
    return x, y


def unet_weight(index, shape, shift):
    """Weight `index` of the model: a multiplicative hash of each element's position, as an integer in [-128, 128),
    times 2^-shift (exact in float32)."""
    e = np.arange(int(np.prod(shape)), dtype=np.uint64)
    h = ((e + np.uint64(1)) * np.uint64(2654435761) + np.uint64(index * 40503)) & np.uint64(0xFFFFFFFF)
    v = (h >> np.uint64(24)).astype(np.int64) - 128
    return (v.astype("float32") * np.float32(2.0 ** -shift)).reshape(shape)


def unet(keras):
    s, ch, k = UNET["size"], UNET["channels"], UNET["classes"]
    inputs = keras.Input(shape=(s, s, ch), name="image")
    down = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="down")(inputs)
    pooled = keras.layers.MaxPooling2D(2, name="pool")(down)
    bottom = keras.layers.Conv2D(16, 3, padding="same", activation="relu", name="bottom")(pooled)
    up = keras.layers.UpSampling2D(2, name="up")(bottom)
    skip = keras.layers.Concatenate(name="skip")([up, down])
    merge = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="merge")(skip)
    outputs = keras.layers.Conv2D(k, 1, activation="softmax", name="classes")(merge)
    return keras.Model(inputs, outputs, name="unet")


def unet_example(p, out):
    """Keras's step losses for the example: `model.fit` on the generated batch, plain SGD, jit_compile=False."""
    keras = p.keras
    model = unet(keras)
    weights = []
    for index, v in enumerate(model.weights):
        layer = v.path.split("/")[0]
        shift = UNET_SHIFTS["bias"] if v.path.endswith("bias") else UNET_SHIFTS[layer]
        weights.append(unet_weight(index, tuple(v.shape), shift))
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=LEARNING_RATE, name="sgd"),
                  loss=keras.losses.SparseCategoricalCrossentropy(), jit_compile=False)
    x, y = unet_batch()
    history = model.fit(x, y, batch_size=UNET["images"], epochs=UNET["steps"], shuffle=False, verbose=0)
    lines = ["# Keras's step losses for examples/unet-training, written by conformance-tests/keras-oracle/cases.py "
             "(unet_example): keras %s, tensorflow %s" % (p.keras_version, tf.__version__),
             "# model.fit(images, labels, batch_size=%d, epochs=%d, shuffle=False), SGD(learning_rate=%g), "
             "jit_compile=False, one thread" % (UNET["images"], UNET["steps"], LEARNING_RATE),
             "# checks of the generated batch: the float64 sum of the images, the sum of the labels",
             "images %r" % float(x.astype("float64").sum()), "labels %d" % int(y.sum())]
    for step, v in enumerate(history.history["loss"], 1):
        v = np.float32(v)
        lines.append("loss %d %r 0x%08x" % (step, float(v), v.view(np.uint32)))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "keras-reference.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
