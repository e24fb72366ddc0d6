import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from star.framework.loader import DEFAULT_VERSION_FILE
from star.framework.models import FrameworkVersion

from .conftest import V1_TEXT, v2_text

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("framework", *args, stdout=out)
    return out.getvalue()


def test_load_and_publish():
    output = run("load", str(DEFAULT_VERSION_FILE), "--publish")
    assert "Loaded version 1 (21 indicators) as a draft." in output
    assert FrameworkVersion.objects.get(number=1).is_current


def test_load_refuses_a_bad_file_naming_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(V1_TEXT.replace("stage: think", "stage: thinking", 1), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("load", str(bad))
    message = str(caught.value)
    assert "nothing was loaded" in message
    assert f"{bad}, line " in message and "field indicators[think-yourself-1].stage" in message
    assert not FrameworkVersion.objects.exists()


def test_show_json_prints_the_current_version(v1):
    data = json.loads(run("show", "--format", "json"))
    assert data["number"] == 1
    assert {item["key"] for item in data["indicators"]} >= {"think-yourself-1", "evaluate-2"}
    assert len(data["indicators"]) == 21


def test_show_text_and_a_named_version(v2_draft):
    output = run("show", "--version", "2")
    assert output.startswith("Version 2: STAR treatment practice model (draft)")
    assert "[evaluate-1] Every level:" in output


def test_show_without_a_current_version():
    with pytest.raises(CommandError, match="No framework version has been published"):
        run("show")


def test_diff_text_and_json(v2_draft):
    text = run("diff", "1", "2")
    assert "+ added   [learn-wider-system-3]" in text
    assert "- removed [learn-wider-system-2]" in text
    assert "~ changed [think-those-you-work-with-1] (text)" in text
    data = json.loads(run("diff", "1", "2", "--format", "json"))
    assert data["from"] == 1 and data["to"] == 2 and data["unchanged"] == 19


def test_publish_and_retire(v2_draft, tmp_path):
    assert "now the current version" in run("publish", "2")
    with pytest.raises(CommandError, match="cannot be retired"):
        run("retire", "2")
    with pytest.raises(CommandError, match="already retired"):
        run("retire", "1")
    with pytest.raises(CommandError, match="no framework version 9"):
        run("publish", "9")
    v3 = tmp_path / "v3.yaml"
    v3.write_text(v2_text().replace("version: 2\n", "version: 3\n", 1), encoding="utf-8")
    run("load", str(v3))
    assert "Version 3 is retired." in run("retire", "3")
