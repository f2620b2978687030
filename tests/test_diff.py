"""``vrpcmds diff``: changes between two schema folders and which of them break things.

The two folders are ``tests/fixtures/diff/v1`` and ``v2``, the second an edited copy of the
first with one of each kind of change (see EXPECTED); they are written through the store
into temporary folders, as ``vrpcmds scrape`` would have written them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from vrpcmds_differ import Change, Diff, DiffFormatError, Side, diff_folders, diff_records, load_diff
from vrpcmds_differ.cli import add_arguments, diff_command
from vrpcmds_differ.covers import covers, covers_text
from vrpcmds_differ.forms import compare_forms, pair_similar
from vrpcmds_differ.values import compare_values
from vrpcmds_model.record import Record, Level, Value
from vrpcmds_model.store import load_folder, load_record, write_record
from vrpcmds_runtime.notation import parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence

FIXTURES = Path(__file__).parent / "fixtures" / "diff"

FILTER_ALL = (
    "demo filter <filter-id> [ source <ip-address> | destination <ip-address> "
    "| vpn-instance <vpn-instance-name> | logging ] *"
)
QUEUE = "demo queue-map <map-id> queue { <start-index> [ to <end-index> ] } "
UNDO_QUEUE = "undo demo queue-map <map-id>"
SCOPE = "demo scope <name> { global | local } [ class <class> ] [ vlan <vlan-id> &<1-4> ] "

# (command, kind, subject, old, new, breaking): every change between v1 and v2, and no other.
EXPECTED = {
    ("demo-trace", "command-removed", "", None, None, True),
    ("demo trace-buffer", "command-added", "", None, None, False),
    ("demo trace", "form-added", "", None, "demo trace level <level>", False),
    ("demo trace", "form-removed", "", "demo trace off", None, True),
    ("demo filter", "form-removed", "", "demo filter <filter-id> [ source <ip-address> ]", None, False),
    ("demo queue-map", "form-changed", "", QUEUE + "&<1-4>", QUEUE + "&<1-8>", False),
    (
        "demo scope",
        "form-changed",
        "",
        SCOPE + "[ peer <ipv6-address> ] [ mode <mode> ]",
        SCOPE + "[ mode <mode> ]",
        True,
    ),
    (
        "demo queue-map",
        "undo-form-changed",
        "",
        UNDO_QUEUE + " [ queue { <start-index> [ to <end-index> ] } &<1-4> ]",
        UNDO_QUEUE,
        True,
    ),
    ("demo trace", "parameter-added", "level <level>", None, "integer 1-7", False),
    ("demo scope", "parameter-removed", "peer <ipv6-address>", "IPv6 address", None, True),
    ("demo filter", "parameter-removed", "source <ip-address>", "IPv4 address", None, False),
    ("demo scope", "value-range", "vlan <vlan-id>", "integer 1-4094", "integer 2-4094", True),
    ("demo filter", "value-range", "<filter-id>", "integer 1-99", "integer 1-199", False),
    ("demo route", "value-range", "preference <preference>", "integer 1-255", "integer 1-200", True),
    ("demo scope", "value-length", "<name>", "string of 1-16 characters", "string of 1-8 characters", True),
    ("demo scope", "choice-removed", "mode <mode>", "slow", None, True),
    ("demo scope", "choice-added", "mode <mode>", None, "normal", False),
    ("demo queue-map", "view-added", "", None, "Interface view", False),
    ("demo filter", "view-removed", "", "VPN instance view", None, True),
    ("demo trace", "level-changed", "", "2 (Configuration level)", "3 (Management level)", True),
    ("demo shaping", "level-changed", "", "2 (Configuration level)", "1 (Monitoring level)", False),
}


def _as_tuple(c: Change) -> tuple[str, str, str, str | None, str | None, bool]:
    return (c.command, c.kind, c.subject, c.old, c.new, c.breaking)


def _copy(version: str, out: Path) -> Path:
    """The fixture records of one version, written by the store into ``out``."""
    for path in sorted((FIXTURES / version).glob("*.yaml")):
        write_record(load_record(path), out / path.name)
    return out


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("diff")
    return _copy("v1", base / "v1"), _copy("v2", base / "v2")


@pytest.fixture(scope="module")
def diff(folders: tuple[Path, Path]) -> Diff:
    return diff_folders(*folders)


# -- the fixture pair -------------------------------------------------------------------


def test_every_expected_change_is_found_with_its_classification(diff: Diff) -> None:
    found = {_as_tuple(c) for c in diff.changes}
    assert found - EXPECTED == set(), "unexpected changes"
    assert EXPECTED - found == set(), "changes not found"
    assert len(diff.changes) == len(EXPECTED)


def test_commands_added_removed_and_changed(diff: Diff) -> None:
    assert diff.added == ["demo trace-buffer"]
    assert diff.removed == ["demo-trace"]
    assert diff.changed == [
        "demo filter",
        "demo queue-map",
        "demo route",
        "demo scope",
        "demo shaping",
        "demo trace",
    ]
    assert diff.summary() == {
        "commands_added": 1,
        "commands_removed": 1,
        "commands_changed": 6,
        "changes": 21,
        "breaking": 11,
    }


def test_a_folder_diffed_with_itself_has_no_change(folders: tuple[Path, Path]) -> None:
    for folder in folders:
        same = diff_folders(folder, folder)
        assert same.changes == []
        assert "No changes." in same.to_markdown()
        assert json.loads(same.to_json())["commands"] == []


def test_a_command_on_several_pages_is_one_command(folders: tuple[Path, Path]) -> None:
    pages = load_folder(folders[0])
    system, vrf = (r for r in pages if r.name == "demo filter")
    merged = Record.from_dict(system.to_dict())
    merged.syntax += vrf.syntax
    merged.views += vrf.views
    merged.parameters += [p for p in vrf.parameters if p.name not in {q.name for q in system.parameters}]
    others = [r for r in pages if r.name != "demo filter"]
    assert diff_records(pages, [*others, merged]).changes == []


def test_a_value_narrowed_on_one_page_of_three_is_reported_naming_that_page(diff: Diff) -> None:
    (change,) = diff.by_command()["demo route"]
    assert change.breaking and change.detail == "narrowed on page 'demo route (VPN instance view)'"


def test_pages_pair_by_id_then_by_title_and_a_change_on_every_page_is_reported_once(
    folders: tuple[Path, Path],
) -> None:
    old = [r for r in load_folder(folders[0]) if r.name == "demo route"]
    new = [Record.from_dict(r.to_dict()) for r in old]
    for record in new:
        record.parameters[2].value = Value("integer", "1-200", 1, 200)
    new[0].id, new[1].title = "renamed", "renamed too"  # paired by title, then by id
    (change,) = diff_records(old, new).changes
    assert (change.old, change.new, change.detail) == ("integer 1-255", "integer 1-200", "narrowed")
    new[2].parameters[2].value = Value("integer", "1-255", 1, 255)
    (change,) = diff_records(old, new).changes
    assert change.detail == "narrowed on pages 'demo route (Interface view)', 'renamed too'"


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_has_counts_then_breaking_then_other_then_commands(diff: Diff) -> None:
    text = diff.to_markdown()
    headings = [line for line in text.splitlines() if line.startswith("#")]
    sections = [h for h in headings if h.startswith("## ")]
    assert headings[0] == f"# Changes from `{diff.old.path}` to `{diff.new.path}`"
    assert sections == ["## Commands removed", "## Breaking changes", "## Other changes", "## Commands added"]
    assert text.index("- Breaking changes: 11") < text.index("## Breaking changes")
    for count in ("All changes: 21", "Commands added: 1", "Commands removed: 1", "Commands changed: 6"):
        assert f"- {count}\n" in text
    assert "Manuals: Demo command reference V1 -> Demo command reference V2." in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_lists_each_change_under_its_command(diff: Diff) -> None:
    text = diff.to_markdown()
    breaking, other = text.split("## Other changes")
    assert "### `demo scope`\n\n- form changed: `demo scope" in breaking
    assert (
        "- integer range changed `vlan <vlan-id>`: `integer 1-4094` -> `integer 2-4094` (narrowed)"
        in breaking
    )
    assert "- choice removed `mode <mode>`: `slow` (no longer accepted)" in breaking
    assert "- choice added `mode <mode>`: `normal` (new choice)" in other
    assert "- `demo trace-buffer`\n" in other
    assert "- `demo-trace` (breaking: its lines are rejected)\n" in breaking  # what breaks comes first
    assert "command added" not in text and "command removed" not in text


# -- JSON ----------------------------------------------------------------------------------


def test_json_round_trips_through_load_diff(diff: Diff, tmp_path: Path) -> None:
    path = tmp_path / "diff.json"
    path.write_text(diff.to_json(), encoding="utf-8")
    again = load_diff(path)
    assert again == diff
    assert again.to_json() == diff.to_json()


def test_json_is_stable_and_sorted(diff: Diff, folders: tuple[Path, Path]) -> None:
    text = diff.to_json()
    assert text == diff_folders(*folders).to_json()
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert (data["format"], data["version"]) == ("vrpcmds-diff", 1)
    assert data["summary"] == diff.summary()
    assert data["new"] == {"path": str(folders[1]), "manuals": ["Demo command reference V2"]}
    names = [c["name"] for c in data["commands"]]
    assert names == sorted(names)
    status = {c["name"]: (c["status"], c["breaking"]) for c in data["commands"]}
    assert status["demo trace-buffer"] == ("added", False)
    assert status["demo-trace"] == ("removed", True)
    assert status["demo shaping"] == ("changed", False)
    change = next(c for c in data["commands"] if c["name"] == "demo scope")["changes"][0]
    assert sorted(change) == ["breaking", "detail", "kind", "new", "old", "subject"]


def test_load_diff_refuses_other_documents(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    with pytest.raises(DiffFormatError, match="other.json"):
        load_diff(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DiffFormatError, match="JSON object"):
        load_diff(path)


# -- the command ---------------------------------------------------------------------------


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    code = diff_command(parser.parse_args(argv))
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [(["--fail-on", "breaking"], 1), (["--fail-on", "any"], 1), ([], 0), (["--fail-on", "never"], 0)],
)
def test_exit_status_follows_fail_on(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str], fail_on: list[str], expected: int
) -> None:
    code, out = _run([str(folders[0]), str(folders[1]), *fail_on], capsys)
    assert code == expected
    assert out.startswith("# Changes from")


def test_fail_on_breaking_passes_when_nothing_breaks(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run([str(folders[0]), str(folders[0]), "--fail-on", "breaking"], capsys)
    assert code == 0
    pages = load_folder(folders[1])
    for record in pages:  # only widen demo filter's range: a change, not a breaking one
        if record.name == "demo filter":
            record.parameters[0].value.max = 999
    widened = folders[0].parent / "widened"
    for record in pages:
        write_record(record, widened / f"{record.id}.yaml")
    assert _run([str(folders[1]), str(widened), "--fail-on", "breaking"], capsys)[0] == 0
    assert _run([str(folders[1]), str(widened), "--fail-on", "any"], capsys)[0] == 1


def test_json_option_prints_the_document(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run([str(folders[0]), str(folders[1]), "--json"], capsys)
    assert code == 0
    assert Diff.from_dict(json.loads(out)) == diff_folders(*folders)


def test_missing_folder_or_bad_record_is_a_usage_error(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert diff_command(parser.parse_args([str(tmp_path / "nowhere"), str(folders[1])])) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "bad.yaml").write_text("id: x\n", encoding="utf-8")
    assert diff_command(parser.parse_args([str(tmp_path), str(folders[1])])) == 2
    assert "bad.yaml" in capsys.readouterr().err


# -- forms: the structural sub-language check ----------------------------------------------

WIDENINGS = [
    ("a <x>", "a <x> [ b ]"),  # optional item added
    ("a { b | c }", "a { b | c | d }"),  # alternative added
    ("a <x>", "a { <x> | all }"),  # item wrapped in a group with another alternative
    ("a { b | c }", "a [ b | c ]"),  # required group made optional
    ("a <x> &<1-4>", "a <x> &<1-8>"),  # repeat range widened
    ("a <x>", "a <x> &<1-4>"),  # item made repeatable
    ("a [ b | c ]", "a [ b | c ] *"),  # group made any-combination
    ("a [ b | c ] *", "a [ b | c | d ] *"),  # alternative added to a * group
    ("a { b <x> }", "a b <x>"),  # braces around one item dropped
    ("a b <x>", "a [ b <x> ]"),  # items made optional together
    ("a { b | c } d", "a { b d | c d | e }"),  # old group read as the forms it stands for
]
NOT_WIDENINGS = [
    ("a <x> [ b ]", "a <x>"),  # optional item removed
    ("a { b | c }", "a { b | d }"),  # alternative replaced
    ("a [ b ]", "a b"),  # optional made required
    ("a <x>", "a <y>"),  # argument renamed
    ("a <x> &<1-8>", "a <x> &<1-4>"),  # repeat range narrowed
    ("a [ b | c ] *", "a [ b | c ]"),  # * removed
    ("a b c", "a c b"),  # items reordered
    ("a [ b | c ] *", "a [ { b | c } ] *"),  # two alternatives folded into one (pairing needs one each)
    ("a <x> &<1-4>", "a <x> &<2-4>"),  # repeat minimum raised
    ("a <x>", "a <x> &<2-4>"),  # single item now needed twice
    ("a [ b | c ] *", "a { b | c } *"),  # * group made required
]


@pytest.mark.parametrize(("old", "new"), WIDENINGS)
def test_widening_forms_cover_the_old_form(old: str, new: str) -> None:
    assert covers_text(new, old)


@pytest.mark.parametrize(("old", "new"), NOT_WIDENINGS)
def test_other_edits_do_not_cover_the_old_form(old: str, new: str) -> None:
    assert not covers_text(new, old)


def test_a_line_that_does_not_parse_covers_only_itself() -> None:
    assert covers_text("a { b", "a { b")
    assert not covers_text("a { b", "a b")


def test_form_changed_both_ways_is_breaking_without_saying_narrowed() -> None:
    (change,) = compare_forms("a", ("a { b | c } <x>",), ("a { b | d } <x>",))
    assert (change.kind, change.breaking, change.detail) == (
        "form-changed",
        True,
        "lines valid before may be rejected",
    )


def test_form_changed_but_still_accepted_by_another_form_is_not_breaking() -> None:
    changes = compare_forms("a", ("a <x> b",), ("a <x> c", "a <x> [ b | c ]"))
    kinds = {(c.kind, c.old, c.new, c.breaking) for c in changes}
    assert kinds == {
        ("form-changed", "a <x> b", "a <x> [ b | c ]", False),
        ("form-added", None, "a <x> c", False),
    }


def test_undo_forms_have_their_own_kinds() -> None:
    (change,) = compare_forms("x", ("undo x",), ("undo x all",), undo=True)
    assert (change.kind, change.breaking) == ("undo-form-changed", True)


def test_forms_are_paired_only_when_they_start_alike() -> None:
    assert pair_similar(["a off"], ["a level <level>"]) == []
    assert pair_similar(["a { b | c }"], ["a level <level>"]) == []
    assert pair_similar(["a <x> [ b ]", "a off"], ["a <x> [ c ]"]) == [("a <x> [ b ]", "a <x> [ c ]")]


# Soundness: when covers(new, old) says yes, every line of old is a line of new. Lines are
# token tuples with arguments kept as placeholders; trees are small enough to enumerate.

_WORDS = ["a", "b", "c"]
_ARGS = ["<x>", "<y>"]


_LANGUAGE_CAP = 20_000  # enumerating more lines than this is skipped, not attempted


class _TooMany(Exception):
    """A tree accepts too many lines to enumerate them (nested repeats and starred groups)."""


def _capped(lines: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    if len(lines) > _LANGUAGE_CAP:
        raise _TooMany
    return lines


def _lines(node: Node) -> set[tuple[str, ...]]:
    """Every token sequence the tree accepts (arguments as their placeholders)."""
    if isinstance(node, Keyword):
        return {(node.text,)}
    if isinstance(node, Argument):
        return {(f"<{node.name}>",)}
    if isinstance(node, Sequence):
        out: set[tuple[str, ...]] = {()}
        for item in node.items:
            items = _lines(item)
            if len(out) * len(items) > _LANGUAGE_CAP:
                raise _TooMany
            out = {x + y for x in out for y in items}
        return out
    if isinstance(node, Choice):
        return _choice_lines(node)
    one = _lines(node.item)
    out = set()
    for count in range(node.min, node.max + 1):
        if len(one) ** count > _LANGUAGE_CAP:
            raise _TooMany
        out |= {sum(parts, ()) for parts in itertools.product(one, repeat=count)}
    return _capped(out)


def _choice_lines(node: Choice) -> set[tuple[str, ...]]:
    alts = [_lines(alt) for alt in node.alternatives]
    sizes = range(1, len(alts) + 1) if node.multi else [1]
    out: set[tuple[str, ...]] = set() if node.required else {()}
    for size in sizes:
        for chosen in itertools.permutations(alts, size):
            if math.prod(len(a) for a in chosen) > _LANGUAGE_CAP:
                raise _TooMany
            out |= {sum(parts, ()) for parts in itertools.product(*chosen)}
            _capped(out)
    return out


@st.composite
def _node(draw: st.DrawFn, depth: int) -> Node:
    kind = draw(
        st.sampled_from(["keyword", "argument", "choice", "repeat"] if depth else ["keyword", "argument"])
    )
    if kind == "keyword":
        return Keyword(draw(st.sampled_from(_WORDS)))
    if kind == "argument":
        return Argument(draw(st.sampled_from(_ARGS))[1:-1])
    if kind == "choice":
        alts = draw(st.lists(_sequence(depth - 1), min_size=1, max_size=3))
        multi = draw(st.booleans()) if len(alts) > 1 else False
        return Choice(tuple(alts), required=draw(st.booleans()), multi=multi)
    low = draw(st.integers(0, 2))
    return Repeat(draw(_node(depth - 1)), low, draw(st.integers(max(low, 1), 3)))


def _sequence(depth: int) -> st.SearchStrategy[Sequence]:
    return st.lists(_node(depth), min_size=1, max_size=3).map(lambda items: Sequence(tuple(items)))


@st.composite
def _edited(draw: st.DrawFn, tree: Sequence) -> Sequence:
    """The tree with one item made optional, dropped, wrapped, repeated, re-ranged, starred,
    replaced, or a new item inserted."""
    items = list(tree.items)
    i = draw(st.integers(0, len(items) - 1))
    edit = draw(st.sampled_from(["optional", "drop", "wrap", "repeat", "range", "replace", "insert", "star"]))
    if edit == "optional":
        items[i] = Choice((Sequence((items[i],)),), required=False)
    elif edit == "drop" and len(items) > 1:
        del items[i]
    elif edit == "wrap":
        items[i] = Choice((Sequence((items[i],)), draw(_sequence(0))), required=draw(st.booleans()))
    elif edit == "repeat":
        items[i] = Repeat(items[i], draw(st.integers(0, 2)), draw(st.integers(2, 3)))
    elif edit == "range" and isinstance(items[i], Repeat):
        low = draw(st.integers(0, 2))
        items[i] = Repeat(items[i].item, low, draw(st.integers(max(low, 1), 3)))
    elif edit == "star" and isinstance(items[i], Choice):
        items[i] = Choice(items[i].alternatives, draw(st.booleans()), multi=not items[i].multi)
    elif edit == "replace":
        items[i] = draw(_node(1))
    else:
        items.insert(i, draw(_node(1)))
    return Sequence(tuple(items))


@st.composite
def _pairs(draw: st.DrawFn) -> tuple[Sequence, Sequence]:
    old = draw(_sequence(2))
    new = old
    for _ in range(draw(st.integers(1, 3))):
        new = draw(_edited(new))
    return (old, new) if draw(st.booleans()) else (new, old)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pairs())
def test_covers_never_claims_a_line_the_new_form_rejects(pair: tuple[Sequence, Sequence]) -> None:
    old, new = pair
    if covers(new, old):
        try:
            old_lines, new_lines = _lines(old), _lines(new)
        except _TooMany:
            assume(False)  # too many lines to compare by enumeration
        assert old_lines <= new_lines


def test_covers_is_reflexive_on_real_looking_forms() -> None:
    for form in ("ike heartbeat { seq-num { new | old } | spi-list }", FILTER_ALL, QUEUE + "&<1-4>"):
        assert covers(parse_form(form), parse_form(form))


# -- values --------------------------------------------------------------------------------


def _value(**kwargs: object) -> Value:
    return Value(text="as written", **kwargs)  # type: ignore[arg-type]


def _one(old: Value, new: Value) -> tuple[str, bool, str, str | None, str | None]:
    (change,) = compare_values("cmd", "<p>", old, new)
    return change.kind, change.breaking, change.detail, change.old, change.new


def test_integer_ranges_narrowed_widened_shifted_and_bounds_closed() -> None:
    i = "integer"
    assert _one(_value(type=i, min=1, max=1440), _value(type=i, min=1, max=2880))[:3] == (
        "value-range",
        False,
        "widened",
    )
    assert _one(_value(type=i, min=1, max=10), _value(type=i, min=2, max=20))[:3] == (
        "value-range",
        True,
        "shifted",
    )
    assert _one(_value(type=i, min=1), _value(type=i, min=1, max=9))[:3] == ("value-range", True, "narrowed")
    assert _one(_value(type=i, min=1, max=9), _value(type=i, min=1))[:3] == ("value-range", False, "widened")


def test_string_length_and_characters() -> None:
    s = "string"
    assert _one(_value(type=s, min_length=1, max_length=8), _value(type=s, min_length=1, max_length=16))[
        :2
    ] == (
        "value-length",
        False,
    )
    lost = _one(_value(type=s, spaces=True), _value(type=s))
    assert lost == (
        "value-characters",
        True,
        "characters allowed before may be rejected",
        "spaces allowed (quoted)",
        "no spaces",
    )
    assert _one(_value(type=s, forbidden="?"), _value(type=s, forbidden="?#"))[:2] == (
        "value-characters",
        True,
    )
    assert _one(_value(type=s, forbidden="?#"), _value(type=s, forbidden="?"))[:2] == (
        "value-characters",
        False,
    )


def test_type_changes_break_unless_one_side_is_untyped() -> None:
    assert _one(_value(type="integer", min=1, max=9), _value(type="string"))[:2] == ("value-type", True)
    assert _one(_value(type="text"), _value(type="integer", min=1, max=9))[:2] == ("value-type", False)
    assert _one(_value(type="ipv4"), _value(type="text"))[:2] == ("value-type", False)


def test_choices_compare_without_case_and_default_and_unit_never_break() -> None:
    assert (
        compare_values(
            "c", "<p>", _value(type="enum", choices=["Fast"]), _value(type="enum", choices=["fast"])
        )
        == []
    )
    changes = compare_values(
        "c",
        "<p>",
        _value(type="integer", default="5", unit="s"),
        _value(type="integer", default="6", unit="ms"),
    )
    assert {(c.kind, c.old, c.new, c.breaking) for c in changes} == {
        ("value-default", "5", "6", False),
        ("value-unit", "s", "ms", False),
    }


def test_level_stated_on_one_side_only_is_reported_but_not_breaking() -> None:
    before = Record(id="x", name="x", title="x", syntax=["x"])
    after = Record(id="x", name="x", title="x", syntax=["x"], level=Level(3, "Management level"))
    (change,) = diff_records([before], [after]).changes
    assert (change.kind, change.old, change.new, change.breaking) == (
        "level-changed",
        None,
        "3 (Management level)",
        False,
    )


def test_diff_equality_ignores_the_order_changes_were_found_in() -> None:
    a = Change("view-added", "x", False, new="v")
    b = Change("command-added", "w", False)
    assert Diff(Side("o"), Side("n"), [a, b]) == Diff(Side("o"), Side("n"), [b, a])


def test_pages_scraped_in_two_versions_give_the_expected_changes(tmp_path: Path) -> None:
    """End to end: a fixture page and an edited copy, scraped, then compared."""
    from vrpcmds_scraper.batch import scrape_batch

    page = Path(__file__).parent / "fixtures" / "html" / "pulse-probe-send.html"
    old = page.read_text(encoding="utf-8")
    edits = [
        ("ranges from 10 to 6000", "ranges from 10 to 3000"),  # narrowed range: breaking
        ("in the range from 0 to 65535", "in the range from 0 to 99999"),  # widened range
        ("<span>Probe group view,</span>", ""),  # view removed: breaking
        ("2: Configuration level", "3: Management level"),  # level raised: breaking
        ('<p><b><span class="cmdname">undo pulse probe send</span></b></p>', ""),  # undo form removed
    ]
    new = old
    for before, after in edits:
        assert before in new, before
        new = new.replace(before, after)
    for version, text in (("v1", old), ("v2", new)):
        (tmp_path / "pages" / version).mkdir(parents=True)
        (tmp_path / "pages" / version / page.name).write_text(text, encoding="utf-8")
        report = scrape_batch([str(tmp_path / "pages" / version)], tmp_path / version, cache_dir=tmp_path / "c")
        assert not report.failed
    changes = {(c.kind, c.subject, c.breaking) for c in diff_folders(tmp_path / "v1", tmp_path / "v2").changes}
    assert ("value-range", "interval <interval>", True) in changes
    assert ("value-range", "count <count>", False) in changes
    assert ("view-removed", "", True) in changes
    assert ("level-changed", "", True) in changes
    assert ("undo-form-removed", "", True) in changes
    assert len(changes) == 5
