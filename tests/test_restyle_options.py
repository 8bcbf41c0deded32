"""Restyling is off by default and turned on by name: ``normalizers = [...]`` in the
configuration or ``--normalizer`` on the command line (issue #3: curly quotes, ligatures and
full-width forms are kept unless an option asks otherwise)."""

from __future__ import annotations

import pytest

from audit.cli import main
from audit.config import Config, ConfigError, load
from audit.engine import map_documents
from audit.model import Document

DAMAGED = "“Caf\u00c3\u00a9” is a ﬁne place — ＡＢＣ, it’s said."


def _text_and_steps(config: Config, jobs: int = 1) -> tuple[str, list[str]]:
    [(audited, _)] = list(map_documents([Document(id="d", text=DAMAGED)], config, jobs))
    return audited.text, sorted({r.normalizer for r in audited.normalized.repairs})


def test_by_default_only_damage_is_repaired():
    text, steps = _text_and_steps(Config())
    assert text == "“Café” is a ﬁne place — ＡＢＣ, it’s said."
    assert steps == ["encoding"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_named_restylers_run_after_the_repair_and_leave_a_trail(jobs):
    config = Config(normalizers=("uncurl-quotes", "fix-ligatures", "fix-width"))
    text, steps = _text_and_steps(config, jobs)
    assert text == "\"Café\" is a fine place — ABC, it's said."
    assert steps == ["encoding", "fix-ligatures", "fix-width", "uncurl-quotes"]


def test_the_configuration_names_them_and_rejects_unknown_names(tmp_path):
    good = tmp_path / "source-audit.toml"
    good.write_text('normalizers = ["fix-width"]\n')
    assert load(good).normalizers == ("fix-width",)
    bad = tmp_path / "bad" / "source-audit.toml"
    bad.parent.mkdir()
    bad.write_text('normalizers = ["smart-quotes"]\n')
    with pytest.raises(ConfigError, match=r"bad/source-audit.toml.*uncurl-quotes"):
        load(bad)


def test_the_command_line_turns_them_on(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    assert main(["fix", str(tmp_path / "in"), "-o", str(tmp_path / "plain"), "-q"]) == 0
    assert main(["fix", str(tmp_path / "in"), "-o", str(tmp_path / "styled"), "-q",
                 "--normalizer", "uncurl-quotes", "--normalizer", "fix-ligatures,fix-width"]) == 0
    plain = (tmp_path / "plain" / "a.txt").read_text(encoding="utf-8")
    styled = (tmp_path / "styled" / "a.txt").read_text(encoding="utf-8")
    assert "“Café”" in plain and "ﬁne" in plain
    assert "\"Café\" is a fine place — ABC, it's said." in styled
    assert (tmp_path / "in" / "a.txt").read_text(encoding="utf-8") == DAMAGED + "\n"
    assert main(["check", str(tmp_path / "in"), "--normalizer", "smart-quotes"]) == 2
    assert "--normalizer" in capsys.readouterr().err
