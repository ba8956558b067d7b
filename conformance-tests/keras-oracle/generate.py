#!/usr/bin/env python3
"""The Keras reference oracle of scce4j.

Runs real Keras (Keras 3 on TensorFlow, and tf_keras) on a seeded matrix of inputs and writes what Keras says
as `scce4j-cases/1` JSON files: loss values, gradients from tf.GradientTape, predicted masks from tf.argmax,
and the errors Keras raises. No expected number is computed here: every one comes from a Keras or
TensorFlow call.

    python3 conformance-tests/keras-oracle/generate.py           # (re)write the committed vectors
    python3 conformance-tests/keras-oracle/generate.py --check   # regenerate to a temp dir, fail on any diff

It also writes Keras's training step (cases.training: three SGD steps of `model.fit`) to the `training` folder
beside the cases, with the models as legacy .h5 files, and the U-Net example's reference numbers to
examples/unet-training.

The first run creates a virtual environment in .venv beside this file and installs requirements.txt into it.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
DEFAULT_OUT = os.path.join(HERE, "..", "src", "main", "resources", "io", "scce4j", "conformance", "cases")
# Not bundled in the kit's jar: run them with `scce4j conformance --cases conformance-tests/informative-cases/...`.
INFORMATIVE_OUT = os.path.join(HERE, "..", "informative-cases")
# Keras's training step (cases.training): JSON vectors and the .h5 models DL4J imports, beside the cases.
TRAINING_OUT = os.path.join(DEFAULT_OUT, "..", "training")
# The reference numbers examples/unet-training prints beside its own.
EXAMPLE_OUT = os.path.join(HERE, "..", "..", "examples", "unet-training", "src", "main", "resources", "io", "scce4j",
                           "examples", "unet")
PROFILES = ("keras3", "keras2")
# Informative only: Keras 3 on another of its backends, to show users where Keras backends differ.
INFORMATIVE = (("keras3", "numpy"), ("keras3", "jax"))
SEED = 7
FORMAT = "scce4j-cases/1"


# ---------------------------------------------------------------- environment --------------------------------

def venv_python():
    return os.path.join(VENV, "bin", "python")


def ensure_venv():
    """Creates .venv and installs the pinned requirements once; re-installs when requirements.txt changes."""
    req = os.path.join(HERE, "requirements.txt")
    stamp = os.path.join(VENV, "requirements.installed")
    wanted = open(req).read()
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        return
    if not os.path.exists(venv_python()):
        print("keras-oracle: creating", VENV, file=sys.stderr)
        venv.create(VENV, with_pip=True)
    print("keras-oracle: installing", req, "(once)", file=sys.stderr)
    subprocess.run([venv_python(), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", req],
                   check=True)
    with open(stamp, "w") as f:
        f.write(wanted)


def child_env(keras_backend="tensorflow"):
    env = dict(os.environ)
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env["KERAS_BACKEND"] = keras_backend
    env["CUDA_VISIBLE_DEVICES"] = ""
    env["JAX_PLATFORMS"] = "cpu"
    env["PYTHONHASHSEED"] = "0"
    return env


def generate_all(out, informative_out, training_out, example_out):
    os.makedirs(out, exist_ok=True)
    for profile in PROFILES:
        subprocess.run([venv_python(), os.path.abspath(__file__), "--profile", profile, "--out", out],
                       check=True, env=child_env())
    for profile in PROFILES:  # a process of its own: the cases above do not depend on it
        subprocess.run([venv_python(), os.path.abspath(__file__), "--training", profile, "--out", training_out,
                        "--example-out", example_out], check=True, env=child_env())
    for profile, backend in INFORMATIVE:
        subprocess.run([venv_python(), os.path.abspath(__file__), "--profile", profile, "--keras-backend", backend,
                        "--out", informative_out], check=True, env=child_env(backend))
    files = sorted(os.path.relpath(os.path.join(d, f), out).replace(os.sep, "/")
                   for d, _, fs in os.walk(out) for f in fs if f.endswith(".json") and f != "index.json")
    with open(os.path.join(out, "index.json"), "w") as f:
        f.write(json.dumps({"format": FORMAT, "files": files}, indent=1) + "\n")


def check(committed, committed_informative, committed_training, committed_example):
    with tempfile.TemporaryDirectory() as tmp:
        fresh, fresh_informative = os.path.join(tmp, "cases"), os.path.join(tmp, "informative")
        fresh_training, fresh_example = os.path.join(tmp, "training"), os.path.join(tmp, "example")
        generate_all(fresh, fresh_informative, fresh_training, fresh_example)
        diffs = []
        names = set()
        pairs = ((fresh, committed), (fresh_informative, committed_informative),
                 (os.path.join(fresh, "..", "metrics"), os.path.join(committed, "..", "metrics")),
                 (fresh_training, committed_training), (fresh_example, committed_example))
        for new, old in pairs:
            found = set()
            for base in (new, old):
                for d, _, fs in os.walk(base):
                    found.update(os.path.relpath(os.path.join(d, f), base) for f in fs)
            for name in sorted(found):
                a, b = os.path.join(new, name), os.path.join(old, name)
                if not (os.path.exists(a) and os.path.exists(b)) or open(a, "rb").read() != open(b, "rb").read():
                    diffs.append(os.path.join(old, name))
            names.update(os.path.join(old, n) for n in found)
        if diffs:
            print("keras-oracle: the committed vectors differ from what Keras says now: " + ", ".join(diffs),
                  file=sys.stderr)
            return 1
        print("keras-oracle: %d committed files are exactly what Keras says" % len(names))
        return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=DEFAULT_OUT, help="folder of the vectors (default: the committed ones)")
    p.add_argument("--informative-out", default=INFORMATIVE_OUT,
                   help="folder of the informative vectors of other Keras backends (default: the committed ones)")
    p.add_argument("--check", action="store_true", help="regenerate to a temporary folder and compare bit for bit")
    p.add_argument("--training-out", default=TRAINING_OUT,
                   help="folder of the training vectors and models (default: the committed ones)")
    p.add_argument("--example-out", default=EXAMPLE_OUT,
                   help="folder of the U-Net example's reference numbers (default: the committed ones)")
    p.add_argument("--profile", help=argparse.SUPPRESS)
    p.add_argument("--training", help=argparse.SUPPRESS)
    p.add_argument("--keras-backend", default="tensorflow", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.profile:
        import cases  # runs inside the virtual environment, one profile per process
        cases.write_profile(a.profile, a.out, SEED, a.keras_backend)
        return 0
    if a.training:
        import cases
        cases.write_training(a.training, a.out, SEED, a.example_out)
        return 0
    ensure_venv()
    if a.check:
        return check(os.path.abspath(a.out), os.path.abspath(a.informative_out), os.path.abspath(a.training_out),
                     os.path.abspath(a.example_out))
    generate_all(os.path.abspath(a.out), os.path.abspath(a.informative_out), os.path.abspath(a.training_out),
                 os.path.abspath(a.example_out))
    print("keras-oracle: wrote", os.path.abspath(a.out))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    sys.exit(main())
