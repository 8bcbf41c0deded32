"""Configuration discovery and validation."""

import pytest

from audit.config import Config, ConfigError, load
from audit.model import Severity


def test_pyproject_table_is_found_from_a_subfolder(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.source-audit]\nselect = ["d3", "E"]\nignore = "D304"\n'
        'fail-on = "warning"\nrule-paths = ["house"]\nbaseline = "base.json"\n'
        '[tool.source-audit.severity]\nd302 = "info"\n[tool.source-audit.fields]\ntext = "body"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = load(start=sub)
    assert cfg.select == ("D3", "E") and cfg.ignore == ("D304",)
    assert cfg.fail_on == "warning"
    assert cfg.rule_paths == (tmp_path / "house",)
    assert cfg.baseline == tmp_path / "base.json"
    assert cfg.severity_of("D302", Severity.ERROR) == Severity.INFO
    assert cfg.fields["text"] == "body" and cfg.fields["id"] == "id"
    assert cfg.enabled("D301") and cfg.enabled("E101")
    assert not cfg.enabled("D304") and not cfg.enabled("B201")


def test_source_audit_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.source-audit]\nfail-on = "info"\n')
    (tmp_path / "source-audit.toml").write_text('fail-on = "never"\n')
    assert load(start=tmp_path).fail_on == "never"


def test_no_configuration_means_defaults(tmp_path):
    assert load(start=tmp_path) == Config()


@pytest.mark.parametrize("body, message", [
    ('fail-on = "sometimes"', "fail-on"),
    ('selct = ["D"]', "unknown key"),
    ('[severity]\nD301 = "fatal"', "severity of D301"),
    ('[fields]\nheadline = "h"', "unknown field"),
    ("select = [1, 2]", "select"),
    ("this is = not toml =", "not valid TOML"),
])
def test_bad_configuration_is_a_clear_error(tmp_path, body, message):
    path = tmp_path / "source-audit.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message) as info:
        load(path)
    assert str(path) in str(info.value)
