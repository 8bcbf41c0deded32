"""Build: compile the encoding repair's core with mypyc (``audit/normalize/encoding/native.py``
says which modules and why). Without mypyc, a C compiler, or with ``SOURCE_AUDIT_PURE=1``,
the package installs as plain Python and runs the same, slower."""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent
ENCODING = HERE / "audit" / "normalize" / "encoding"
native = runpy.run_path(str(ENCODING / "native.py"))


class BuildExt(build_ext):
    """A failed compile leaves the pure-Python package (slower, the same results)."""

    def run(self) -> None:
        # in place (editable installs) beside the sources, else in the tree the wheel is made of
        where = ENCODING if self.inplace else Path(self.build_lib, *native["PACKAGE"].split("."))
        # no record until the build succeeds: a failed build must not vouch for the compiled
        # modules an earlier one left there
        (where / native["MANIFEST"]).unlink(missing_ok=True)
        try:
            super().run()
        except Exception as error:  # any build failure: fall back to Python
            print(f"source-audit: not compiling the encoding core ({error}); "
                  "it will run as plain Python", file=sys.stderr)
            return
        if self.extensions:
            # what was compiled, for the import-time check that the sources have not changed
            native["write_manifest"](where)


def ext_modules() -> list:
    if os.environ.get(native["PURE_ENV"], "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("source-audit: mypyc not found; the encoding core will run as plain Python",
              file=sys.stderr)
        return []
    paths = [str((ENCODING / f"{name}.py").relative_to(HERE)) for name in native["MODULES"]]
    # the other modules are read for their types only; their errors are not ours to fix here
    try:
        return mypycify(["--follow-imports=silent", "--ignore-missing-imports", *paths],
                        group_name=native["GROUP"], opt_level="3")
    except (Exception, SystemExit) as error:  # mypy exits on a type error
        why = "mypy found type errors (above)" if isinstance(error, SystemExit) else error
        print(f"source-audit: mypyc cannot compile the encoding core ({why}); it will run "
              "as plain Python", file=sys.stderr)
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": BuildExt})
