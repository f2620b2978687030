"""The YAML store and the JSON Schema that every written record must satisfy."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from vrpcmds_model.record import Record, Level, Parameter, Value
from vrpcmds_model.store import (
    schema_text,
    RecordError,
    dump_record,
    load_record,
    validate,
    write_atomic,
    load_folder,
    write_record,
)

REPO = Path(__file__).resolve().parent.parent


def minimal() -> Record:
    return Record(
        id="demo-reset",
        name="demo reset",
        title="demo reset",
        syntax=["demo reset [ <slot-id> ]"],
        parameters=[Parameter("<slot-id>", "Slot.", Value("integer", "1 to 8", min=1, max=8))],
        views=["User view"],
        level=Level(3, "Management level"),
    )


def test_schema_is_a_valid_draft_2020_12_schema_describing_every_field() -> None:
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"field {name} is not described"
    assert set(schema["properties"]) >= {
        "id", "name", "title", "function", "undo_function", "default", "syntax", "undo_syntax",
        "parameters", "views", "level", "usage", "examples", "source", "warnings",
    }


def test_every_dataclass_field_is_in_the_schema() -> None:
    from dataclasses import fields

    schema = json.loads(schema_text())
    assert {f.name for f in fields(Record)} == set(schema["properties"])
    value_props = schema["properties"]["parameters"]["items"]["properties"]["value"]["properties"]
    assert {f.name for f in fields(Value)} == set(value_props)


def test_records_round_trip_through_yaml() -> None:
    record = minimal()
    text = dump_record(record)
    assert Record.from_dict(yaml.safe_load(text)) == record
    assert dump_record(Record.from_dict(yaml.safe_load(text))) == text


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("name"), "(top)"),
        (lambda d: d.update(colour="red"), "(top)"),
        (lambda d: d["parameters"][0]["value"].update(type="float"), "parameters/0/value/type"),
        (lambda d: d["level"].update(number="two"), "level/number"),
        (lambda d: d["syntax"].append(""), "syntax/1"),
        (lambda d: d["source"].update(published="29 May 2019"), "source/published"),
    ],
)
def test_validation_names_the_field_that_breaks_the_schema(change, where: str) -> None:  # type: ignore[no-untyped-def]
    data = minimal().to_dict()
    change(data)
    with pytest.raises(RecordError) as err:
        validate(data, "demo.yaml")
    assert f"demo.yaml: {where}" in str(err.value)


def test_an_invalid_record_is_never_written(tmp_path: Path) -> None:
    record = minimal()
    record.syntax = [""]
    target = tmp_path / "demo.yaml"
    with pytest.raises(RecordError):
        write_record(record, target)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_leaves_the_old_file_whole_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "demo.yaml"
    target.write_text("old: content\n")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old: content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["demo.yaml"]


def test_loading_a_broken_file_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n")
    with pytest.raises(RecordError, match="bad.yaml"):
        load_record(bad)
    bad.write_text("- just\n- a list\n")
    with pytest.raises(RecordError, match="bad.yaml: expected a mapping"):
        load_record(bad)


def test_committed_seed_record_validates() -> None:
    record = load_record(REPO / "schema" / "ar500-v200r007" / "ike-heartbeat.yaml")
    assert record.syntax == ["ike heartbeat { seq-num { new | old } | spi-list }"]


def test_a_view_is_spelled_one_way_across_the_folder(tmp_path: Path) -> None:
    """``100ge sub-interface view`` beside ``100GE interface view``, ``system view`` beside
    ``System view``: the manual's most used spelling wins for a first word and for words it
    writes with capitals (``GE``, ``AAA``); other words keep their case."""
    spellings = [
        ["System view", "100GE interface view"],
        ["System view", "Vsys AAA view"],
        ["system view", "100ge sub-interface view"],
        ["System view of the virtual system", "vsys aaa view"],
    ]
    for n, views in enumerate(spellings):
        record = Record(id=f"r{n}", name=f"demo {n}", title=f"demo {n}", syntax=[f"demo {n}"], views=views)
        write_record(record, tmp_path / f"r{n}.yaml")
    loaded = [r.views for r in load_folder(tmp_path)]
    assert loaded == [
        ["System view", "100GE interface view"],
        ["System view", "Vsys AAA view"],
        ["System view", "100GE sub-interface view"],
        ["System view of the virtual system", "Vsys AAA view"],
    ]


def test_a_folder_read_again_validates_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vrpcmds_model import store

    for n in range(3):
        record = Record(id=f"r{n}", name=f"demo {n}", title=f"demo {n}", syntax=[f"demo {n}"], views=["System view"])
        write_record(record, tmp_path / f"r{n}.yaml")
    load_folder(tmp_path)
    calls: list[str] = []
    real = store.validate
    monkeypatch.setattr(store, "validate", lambda data, where="": calls.append(where) or real(data, where))
    load_folder(tmp_path)
    assert calls == []
    (tmp_path / "r1.yaml").write_text((tmp_path / "r1.yaml").read_text().replace("demo 1", "demo one"))
    load_folder(tmp_path)
    assert calls == [str(tmp_path / "r1.yaml")]
    (tmp_path / "r2.yaml").write_text("id: r2\n")  # invalid bytes never seen before: still refused
    with pytest.raises(RecordError, match="r2.yaml"):
        load_folder(tmp_path)
