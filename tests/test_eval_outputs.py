"""The page-by-page output dump (python -m tests.eval.outputs) that shows what a parser
change changes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.eval.outputs import differences, dump, page_output

PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Bread</title></head><body><article><h1>Bread</h1>"
        "<div class='entry-content'><p>How to bake a loaf of bread at home, step by step.</p></div></article>"
        "<ol class='commentlist'><li id='comment-7' class='comment'><cite>Carla</cite> Says:<br>"
        "<small class='commentmetadata'><a href='#comment-7'>May 2nd, 2020 at 9:15 am</a></small>"
        "<p>Nice bread, and a nice post about it.</p></li></ol></body></html>").encode()


def test_a_pages_output_holds_its_post_fields_and_comments() -> None:
    output = page_output("https://blog.example.org/2020/05/01/bread/", PAGE)
    assert output["post"]["title"] == "Bread"
    assert output["comments"][0][:3] == ["Carla", "2020-05-02T09:15:00", "Nice bread, and a nice post about it."]
    assert output["comments"][0][5] == "comment-7"


def test_differences_name_each_changed_page_and_field() -> None:
    before = {"corpus:a": page_output("https://blog.example.org/2020/05/01/bread/", PAGE)}
    after = json.loads(json.dumps(before))
    assert differences(before, after) == ["0 pages differ"]
    after["corpus:a"]["post"]["authors"] = ["Ann"]
    after["corpus:a"]["comments"] = []
    lines = differences(before, after)
    assert lines[0] == "== corpus:a"
    assert "   authors: [] -> ['Ann']" in lines
    assert "   comments 1 -> 0" in lines
    assert lines[-1] == "1 pages differ"


def test_a_dump_writes_the_first_tuning_pages_of_each_set(tmp_path: Path) -> None:
    out = tmp_path / "outputs.json"
    written = dump(out, limit=1, workers=1, dragnet_data=tmp_path)  # (no Dragnet pages there: that set is left out)
    outputs = json.loads(out.read_text("utf-8"))
    assert written == len(outputs) == 2
    assert sorted(key.split(":")[0] for key in outputs) == ["benchmark", "corpus"]
    assert all("error" not in output and output["post"] is not None for output in outputs.values())
