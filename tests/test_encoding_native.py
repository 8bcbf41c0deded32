"""The compiled encoding core (mypyc, ``audit/normalize/encoding/native.py``): it is what runs
where it could be built, it gives exactly what the source gives, and a source edited since the
build is run from source rather than silently ignored."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import audit.normalize.encoding as encoding
from audit.normalize.encoding import native

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(encoding.__file__).parent
COMPILED = encoding.CORE == "compiled"
NOT_COMPILED = f"the encoding core runs as {encoding.CORE}"

# fix_and_explain over generated text, as JSON: the bench's corpus (damaged and clean
# multilingual documents), and sentences of real words through every codec, bytes lost both
# ways; run once compiled and once from source
_REPAIR_ALL = r"""
import codecs, json, random, sys
sys.path[:0] = [sys.argv[1] + "/bench", sys.argv[1] + "/tests"]
import encoding as bench
import test_encoding_properties as props
import audit.normalize.encoding as enc

texts = [t for docs in bench.corpus({"damaged": 0.25, "clean multilingual": 0.15}, seed=7).values()
         for t, _ in docs]
rng = random.Random(7)
codecs.register_error("some-lost", lambda e: ("\ufffd" if rng.random() < 0.5 else "", e.end))
for _ in range(120):
    lang = rng.choice(props.LANGUAGES)
    text = props._join(lang, rng.sample(props.pool(lang), rng.randint(2, 12)))
    texts.append(text)
    for codec in props.SINGLE + props.DOUBLE:
        for errors in ("ignore", "replace", "some-lost"):
            texts.append(text.encode("utf-8").decode(codec, errors))
out = []
for t in texts:
    fixed, repairs = enc.fix_and_explain(t)
    out.append([fixed, [[r.start, r.end, r.before, r.after, r.reason, r.confidence,
                         repr(sorted(r.meta.items()))] for r in repairs]])
print(json.dumps({"core": enc.CORE, "results": out}))
"""


def _repair_all(pure: bool) -> dict:
    env = {**os.environ, native.PURE_ENV: "1" if pure else "0"}
    proc = subprocess.run([sys.executable, "-c", _REPAIR_ALL, str(ROOT)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_the_core_is_compiled_where_a_compiler_is():
    """An install with a C compiler compiles the core (a type error that mypyc refuses, or a
    build that fell back to Python, shows here, not as a silent loss of speed)."""
    if os.environ.get(native.PURE_ENV, "") not in ("", "0"):
        pytest.skip(f"{native.PURE_ENV} is set: the source is asked for")
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler: the core runs as plain Python")
    assert encoding.CORE == "compiled"
    assert encoding.repair.__file__ is None or not encoding.repair.__file__.endswith(".py")


@pytest.mark.skipif(not COMPILED, reason=NOT_COMPILED)
def test_compiled_and_source_give_the_same_repairs():
    compiled, source = _repair_all(pure=False), _repair_all(pure=True)
    assert compiled["core"] == "compiled"
    assert source["core"].startswith("source")
    assert len(compiled["results"]) > 3500
    repaired = sum(1 for _, repairs in compiled["results"] if repairs)
    assert repaired > 1000  # the comparison covers real repairs, not only clean text
    differ = [i for i, (a, b) in enumerate(zip(compiled["results"], source["results"],
                                               strict=True)) if a != b]
    assert not differ, f"{len(differ)} texts differ, first: {compiled['results'][differ[0]]} " \
                       f"vs {source['results'][differ[0]]}"


def _fake_build(directory: Path) -> None:
    for name in native.MODULES:
        (directory / f"{name}.py").write_text(f"NAME = {name!r}\n")
    (directory / f"repair{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    native.write_manifest(directory)


def test_a_fresh_build_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    _fake_build(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert native.choose(tmp_path) == "compiled"


def test_a_source_changed_since_the_build_is_run_from_source(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))  # the finder goes in a copy
    _fake_build(tmp_path)
    (tmp_path / "lossy.py").write_text("NAME = 'edited'\n")
    with pytest.warns(RuntimeWarning, match="lossy changed since the encoding core was "
                                            "compiled; running it from source"):
        assert native.choose(tmp_path) == "source (lossy changed since the build)"
    finder = sys.meta_path[0]
    spec = finder.find_spec(f"{native.PACKAGE}.lossy")
    assert spec is not None and spec.origin == str(tmp_path / "lossy.py")
    # all of the core, not only what changed: compiled modules expect each other's classes
    assert finder.find_spec(f"{native.PACKAGE}.repair").origin == str(tmp_path / "repair.py")
    assert finder.find_spec(f"{native.PACKAGE}.charmaps") is None  # never compiled


def test_a_source_gone_since_the_build_is_stale(tmp_path):
    _fake_build(tmp_path)
    (tmp_path / "words.py").unlink()
    assert native.stale(tmp_path) == ["words"]


def test_without_a_manifest_everything_is_stale(tmp_path):
    _fake_build(tmp_path)
    (tmp_path / native.MANIFEST).unlink()
    assert native.stale(tmp_path) == list(native.MODULES)


def test_nothing_built_means_source_without_a_warning(tmp_path):
    for name in native.MODULES:
        (tmp_path / f"{name}.py").write_text("")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert native.choose(tmp_path) == "source (not compiled)"


def test_the_environment_asks_for_source():
    proc = subprocess.run(
        [sys.executable, "-c", "import audit.normalize.encoding as e, "
         "audit.normalize.encoding.plausibility as p; print(e.CORE); print(p.__file__)"],
        env={**os.environ, native.PURE_ENV: "1"}, capture_output=True, text=True, cwd=ROOT,
        timeout=120)
    assert proc.returncode == 0, proc.stderr
    core, path = proc.stdout.split("\n")[:2]
    assert path.endswith("plausibility.py")
    if native.compiled_here(PACKAGE_DIR):
        assert core == f"source ({native.PURE_ENV} is set)"
    else:
        assert core == "source (not compiled)"
