"""Loaders: every input shape, and bad input that is named and skipped, never fatal."""

import datetime as dt
import json

import pytest

from audit.io import load, load_bytes, load_dataframe
from audit.io.decode import DecodeError, decode

ARTICLE = "The council met on Tuesday and approved the budget after a long debate.\n"


def write(path, content, mode="w"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_folder_with_front_matter_story_marker_and_nested_ids(tmp_path):
    write(tmp_path / "quake" / "story.yaml", "id: quake-2024\n")
    write(tmp_path / "quake" / "herald.md",
          "---\nsource: Herald\nurl: https://example.org/q\npublished: 2024-03-08\n"
          "language: en\nauthor: R. Diaz\n---\n\n" + ARTICLE)
    write(tmp_path / "quake" / "wire" / "ap.txt", ARTICLE)
    write(tmp_path / "other.txt", ARTICLE)
    write(tmp_path / ".hidden" / "x.txt", ARTICLE)
    loaded = load(tmp_path)
    assert loaded.errors == []
    docs = {d.id: d for d in loaded.documents}
    assert sorted(docs) == ["other", "quake/herald", "quake/wire/ap"]
    herald = docs["quake/herald"]
    assert herald.text == ARTICLE  # offsets point into the body, after the front matter
    assert herald.source == "Herald" and herald.language == "en"
    assert herald.published == dt.date(2024, 3, 8)
    assert herald.story == "quake-2024"
    assert herald.meta["author"] == "R. Diaz"
    assert herald.meta["line_offset"] == 8  # 7 lines of front matter and one blank line
    assert docs["quake/wire/ap"].story == "quake-2024"  # inherited from the folder
    assert docs["other"].story is None


def test_front_matter_story_wins_over_folder(tmp_path):
    write(tmp_path / "s" / "story.yaml", "id: folder-story\n")
    write(tmp_path / "s" / "a.md", "---\nstory: own-story\n---\n" + ARTICLE)
    assert load(tmp_path).documents[0].story == "own-story"


def test_bad_front_matter_is_an_error_naming_the_file(tmp_path):
    bad = write(tmp_path / "bad.md", "---\nsource: [unclosed\n---\n" + ARTICLE)
    write(tmp_path / "good.md", ARTICLE)
    loaded = load(tmp_path)
    assert [d.id for d in loaded.documents] == ["good"]
    assert loaded.errors[0].path == str(bad) and "front matter" in loaded.errors[0].message


def test_jsonl_rows_with_bad_rows_named_and_skipped(tmp_path):
    rows = [
        json.dumps({"id": "a", "text": ARTICLE, "source": "Wire",
                    "published": "2024-03-08T10:00:00Z"}),
        "{not json",
        json.dumps({"id": "c", "body": ARTICLE}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "e", "text": "   "}),
        "",
        json.dumps({"id": "g", "text": ARTICLE, "extra": 3}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(rows) + "\n")
    loaded = load(path)
    assert [d.id for d in loaded.documents] == ["a", "g"]
    assert loaded.documents[0].published == dt.date(2024, 3, 8)
    assert loaded.documents[1].meta == {"extra": 3}
    by_row = {e.row: e for e in loaded.errors}
    assert sorted(by_row) == [2, 3, 4, 5]
    assert "malformed JSON" in by_row[2].message
    assert "no 'text' field" in by_row[3].message and "body" in by_row[3].message
    assert "expected an object" in by_row[4].message
    assert "empty" in by_row[5].message
    assert all(e.path == str(path) for e in loaded.errors)


def test_jsonl_text_field_is_configurable_and_prefixed_in_folders(tmp_path):
    write(tmp_path / "wire" / "feed.jsonl", json.dumps({"uid": "x1", "body": ARTICLE}) + "\n")
    loaded = load(tmp_path, fields={"text": "body", "id": "uid"})
    assert [d.id for d in loaded.documents] == ["wire/x1"]


def test_csv_loads_and_a_missing_text_column_is_one_clear_error(tmp_path):
    good = write(tmp_path / "a.csv", 'id,source,text\n1,Herald,"Line one, with a comma."\n'
                 "2,Post,Second article text.\n")
    bad = write(tmp_path / "b.csv", "id,body\n1,hello\n")
    loaded = load([good, bad])
    assert [(d.id, d.source) for d in loaded.documents] == [("1", "Herald"), ("2", "Post")]
    assert loaded.documents[0].text == "Line one, with a comma."
    assert len(loaded.errors) == 1
    assert loaded.errors[0].path == str(bad)
    assert "no 'text' column" in loaded.errors[0].message and "body" in loaded.errors[0].message


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [ARTICLE, "Zweiter Text."],
                             "language": ["en", "de"]}), path)
    loaded = load(path)
    assert [(d.id, d.language) for d in loaded.documents] == [("p1", "en"), ("p2", "de")]
    broken = write(tmp_path / "broken.parquet", b"PAR1 not really", mode="wb")
    assert "Parquet" in load(broken).errors[0].message


def test_pandas_and_polars_dataframes():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    data = {"id": ["a", "b"], "text": [ARTICLE, "Second."], "source": ["X", None]}
    for frame in (pd.DataFrame(data), pl.DataFrame(data)):
        docs, errors = load_dataframe(frame)
        assert errors == []
        assert [(d.id, d.source) for d in docs] == [("a", "X"), ("b", None)]
    docs, errors = load_dataframe(pd.DataFrame({"body": ["x"]}))
    assert docs == [] and "no 'text' column" in errors[0].message


def test_bytes_honour_boms_and_detect_legacy_encodings():
    assert decode("\ufeffcafé".encode("utf-8")) == ("café", "utf-8-sig")
    assert decode("naïve".encode("utf-16"))[0] == "naïve"
    legacy = ("Le café était fermé à cause de la grève; les élèves ont protesté "
              "devant l'hôtel de ville pendant des heures. ").encode("cp1252") * 3
    text, encoding = decode(legacy)
    assert "café était fermé" in text and encoding != "utf-8"
    doc = load_bytes(b"Hello  world", id="b1", source="S")
    assert doc.text == "Hello  world" and doc.source == "S"


@pytest.mark.parametrize("data, problem, offset", [
    (b"", "empty", 0),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 8),
    ("Fine UTF-8 – with a dash".encode() + b" and a bad \xff byte", "invalid UTF-8", 37),
])
def test_undecodable_bytes_name_the_problem_and_the_byte(data, problem, offset):
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert problem in str(info.value)
    assert info.value.offset == offset


def test_bad_files_in_a_folder_are_named_and_the_rest_still_loads(tmp_path):
    write(tmp_path / "ok.txt", ARTICLE)
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.md", "\n \n")
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", mode="wb")
    write(tmp_path / "broken.txt", "caf\u00e9 ".encode() + b"\xc3(", mode="wb")
    write(tmp_path / "notes.docx", b"PK\x03\x04", mode="wb")
    loaded = load(tmp_path)
    assert [d.id for d in loaded.documents] == ["ok"]
    messages = {e.path.rsplit("/", 1)[-1]: e for e in loaded.errors}
    assert "empty" in messages["empty.txt"].message
    assert "white space only" in messages["blank.md"].message
    assert "binary" in messages["image.txt"].message and messages["image.txt"].offset == 8
    assert messages["broken.txt"].offset == 6
    assert "skipped" in messages["notes.docx"].message


def test_missing_path_and_duplicate_ids(tmp_path):
    write(tmp_path / "a.jsonl", json.dumps({"id": "same", "text": ARTICLE}) + "\n"
          + json.dumps({"id": "same", "text": ARTICLE}) + "\n")
    loaded = load([tmp_path / "nope", tmp_path / "a.jsonl"])
    assert [d.id for d in loaded.documents] == ["same"]
    assert "no such file" in loaded.errors[0].message
    assert "duplicate document id 'same'" in loaded.errors[1].message
