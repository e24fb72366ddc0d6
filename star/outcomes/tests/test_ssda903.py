"""The SSDA903 reader: counting rules, the year, bad input and the third-party sample files."""

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from star.outcomes.cube import WrongFormat
from star.outcomes.sources.ssda903 import parse_date, read_ssda903

EXTERNAL = (Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "external").resolve()
FAKE = EXTERNAL / "ssda903-fake"
LIIA = EXTERNAL / "liiatools-samples"
needs_samples = pytest.mark.skipif(not FAKE.is_dir(), reason="the external sample files are not available")

TODAY = date(2021, 1, 1)
HEADER_COLUMNS = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODE_COLUMNS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
OC3_COLUMNS = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM"

# One small return for the year to 31 March 2020: (id, sex, DOB, ethnicity) and (id, DECOM, RNE, LS, DEC).
CHILDREN = [
    ("KID001", "2", "01/05/2012", "WBRI"),  # started in the year, still looked after: both stages
    ("KID002", "1", "15/03/2004", "BAFR"),  # started in 2018, looked after on 31 March 2020
    ("KID003", "1", "01/01/2015", "AIND"),  # short breaks (V3) only: nothing
    ("KID004", "2", "2019-09-01", "MWBC"),  # started in the year, ceased before 31 March
    ("KID005", "1", "01/01/2010", "WBRI"),  # ceased on 31 March itself: not looked after at 31 March
    ("KID006", "1", "10/10/2002", "BCRB"),  # care leaver (OC3), aged 17
    ("KID007", "2", "01/01/2008", "CHNE"),  # started in the year on V4 (short breaks): nothing
    ("KID008", "9", "01/01/2001", "ZZZZ"),  # looked after on 31 March; unknown sex, invalid ethnicity, 19
    ("KID009", "1", "01/01/2011", "WBRI"),  # first episode after the year: nothing
]
EPISODES = [
    ("KID001", "10/06/2019", "S", "C2", ""),
    ("KID002", "01/01/2018", "S", "C1", "01/01/2019"),
    ("KID002", "01/01/2019", "L", "J2", ""),
    ("KID003", "01/05/2019", "S", "V3", ""),
    ("KID004", "02/09/2019", "S", "E1", "15/03/2020"),
    ("KID005", "01/01/2019", "P", "C2", "31/03/2020"),
    ("KID007", "01/02/2020", "S", "V4", ""),
    ("KID008", "01/01/2017", "S", "C2", ""),
    ("KID009", "01/05/2020", "S", "C2", ""),
]
EXPECTED_CELLS = {
    ("cla_start", "white_british", "5-9", "female"): 1,
    ("cla_at_31_march", "white_british", "5-9", "female"): 1,
    ("cla_at_31_march", "black_african", "16-17", "male"): 1,
    ("cla_start", "mixed_white_black_caribbean", "0-4", "female"): 1,
    ("care_leaver", "black_caribbean", "16-17", "male"): 1,
    ("cla_at_31_march", "invalid", "18+", "unknown"): 1,
}


def episode_row(child, decom, rne, ls, dec):
    return f"{child},{decom},{rne},{ls},N1,U1,PR1,{dec},{'E11' if dec else ''},,,,"


def write(folder: Path, name: str, lines: list[str], *, encoding="utf-8", newline="\n") -> Path:
    path = folder / name
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


def csv_return(folder: Path, children=CHILDREN, episodes=EPISODES, oc3=("KID006",)) -> list[Path]:
    dob = {child[0]: child[2] for child in children}
    return [
        write(folder, "header.csv", [HEADER_COLUMNS] + [f"{c},{s},{d},{e},A123456789012,," for c, s, d, e in children]),
        write(folder, "episodes.csv", [EPISODE_COLUMNS] + [episode_row(*row) for row in episodes]),
        write(folder, "oc3.csv", [OC3_COLUMNS] + [f"{child},{dob[child]},YES,F1,Z1" for child in oc3]),
    ]


def xml_episode(decom, rne, ls, dec):
    return (f"<EPISODE><DECOM>{decom}</DECOM><RNE>{rne}</RNE><LS>{ls}</LS><CIN>N1</CIN><PL>U1</PL>"
            f"<PLACE_PROVIDER>PR1</PLACE_PROVIDER>{f'<DEC>{dec}</DEC>' if dec else '<DEC />'}<REC>X1</REC></EPISODE>")


def xml_return(folder: Path, children=CHILDREN, episodes=EPISODES, name="return.xml") -> Path:
    """One CHILD per line; KID001's episodes in an <EPISODES> group, OC3 for KID006 in the header (as exported)."""
    lines = ["<?xml version='1.0' encoding='us-ascii'?>", "<EXPSSDA903>"]
    for child, sex, dob, ethnic in children:
        oc3 = "<IN_TOUCH>YES</IN_TOUCH><ACTIV>F1</ACTIV><ACCOM>Z1</ACCOM>" if child == "KID006" else ""
        own = "".join(xml_episode(*row[1:]) for row in episodes if row[0] == child)
        if child == "KID001":
            own = f"<EPISODES>{own}</EPISODES>"
        lines.append(f"<CHILD><HEADER><CHILDID>{child}</CHILDID><UPN>A123</UPN><SEX>{sex}</SEX><DOB>{dob}</DOB>"
                     f"<ETHNIC>{ethnic}</ETHNIC>{oc3}</HEADER>{own}</CHILD>")
    lines.append("</EXPSSDA903>")
    return write(folder, name, lines)


def problems(result) -> list[tuple]:
    return sorted((p.file, p.line, p.field) for p in result.cube.problems)


def assert_private(result, *secrets: str) -> None:
    for problem in result.cube.problems:
        for secret in secrets:
            assert secret not in problem.message, problem


# -- counting rules ------------------------------------------------------------------------------------------


def test_csv_counting_rules(tmp_path):
    result = read_ssda903(csv_return(tmp_path), year=2020, today=TODAY)
    cube = result.cube
    assert cube.problems == []
    assert dict(cube.cells) == EXPECTED_CELLS
    assert cube.children == 5
    assert dict(cube.transitions) == {("cla_start", "cla_at_31_march", "white_british"): 1}
    assert dict(cube.invalid_codes) == {"ZZZZ": 1}  # counted once, for the one counted child
    assert not cube.invalid_values
    assert (result.source, result.year, result.files) == ("ssda903", 2020, ["header.csv", "episodes.csv", "oc3.csv"])
    assert result.records_read == len(CHILDREN) + len(EPISODES) + 1
    assert cube.notes == []


def test_xml_counting_rules_match_csv(tmp_path):
    result = read_ssda903([xml_return(tmp_path)], year=2020, today=TODAY)
    assert result.cube.problems == []
    assert dict(result.cube.cells) == EXPECTED_CELLS
    assert dict(result.cube.transitions) == {("cla_start", "cla_at_31_march", "white_british"): 1}
    assert result.records_read == len(CHILDREN)


def test_xml_oc3_element_and_care_leaver_age(tmp_path):
    children = [("KID1", "2", "01/06/2001", "WIRI"), ("KID2", "2", "01/06/2010", "WIRI"),
                ("KID3", "1", "01/06/1995", "WIRI")]
    lines = ["<EXPSSDA903>"] + [
        f"<CHILD><HEADER><CHILDID>{c}</CHILDID><SEX>{s}</SEX><DOB>{d}</DOB><ETHNIC>{e}</ETHNIC></HEADER>"
        "<OC3><IN_TOUCH>NO</IN_TOUCH><ACTIV>G6</ACTIV><ACCOM>0</ACCOM></OC3></CHILD>" for c, s, d, e in children
    ] + ["</EXPSSDA903>"]
    result = read_ssda903([write(tmp_path, "oc3.xml", lines)], year=2020, today=TODAY)
    # Aged 18 on 31 March 2020: a care leaver; aged 9 and 24: OC3 does not apply, noted, not counted.
    assert dict(result.cube.cells) == {("care_leaver", "white_irish", "18+", "female"): 1}
    assert result.cube.problems == []
    assert result.cube.notes == ["2 OC3 record(s) were for young people not aged 17 to 21 on 31 March 2020, "
                                 "so were not counted as care leavers."]


def test_a_year_before_the_data_counts_little(tmp_path):
    result = read_ssda903(csv_return(tmp_path), year=2010, today=TODAY)
    assert result.year == 2010 and result.cube.problems == []
    assert not result.cube.cells and result.cube.children == 0


# -- the collection year ---------------------------------------------------------------------------------------


def test_year_inferred_from_latest_episode_start(tmp_path):
    # The latest DECOM is 1 May 2020, so 2021; KID009 then counts as a start and KID001 still looked after.
    result = read_ssda903(csv_return(tmp_path), today=TODAY)
    assert result.year == 2021
    assert result.cube.notes == ["Collection year 2021 taken from the latest episode date; give --year to choose "
                                 "another."]
    assert result.cube.cells["cla_start", "white_british", "10-15", "male"] == 1  # KID009, 10 on 31 March 2021


@pytest.mark.parametrize("form", ["csv", "xml"])
def test_year_inference_ignores_a_ceasing_date_after_the_year(tmp_path, form):
    # A DEC of 2 April 2020 (after the last start, in March 2020) does not move the year on to 2021.
    episodes = [("KID001", "10/06/2019", "S", "C2", "02/04/2020"), ("KID002", "01/03/2020", "S", "C1", "")]
    paths = csv_return(tmp_path, episodes=episodes) if form == "csv" else [xml_return(tmp_path, episodes=episodes)]
    result = read_ssda903(paths, today=TODAY)
    assert result.year == 2020
    assert result.cube.notes[0].startswith("Collection year 2020 taken from the latest episode date")
    assert result.cube.stage_totals() == Counter({"cla_start": 2, "cla_at_31_march": 2, "care_leaver": 1})


def test_no_dates_no_year(tmp_path):
    paths = csv_return(tmp_path, episodes=[])
    result = read_ssda903(paths, today=TODAY)
    assert result.year is None and result.cube.children == 0


# -- bad input -------------------------------------------------------------------------------------------------


def test_csv_bad_input_reported_by_line(tmp_path):
    header = write(tmp_path, "h.csv", [
        "CHILD,SEX,DOB,ETHNIC",
        "KID001,2,01/05/2012,WBRI",
        "KID002,1,31/02/2010,WBRI",  # line 3: no such date
        "KID001,2,01/05/2012,WBRI",  # line 4: KID001 again
        "KID003,1,01/01/2030,WBRI",  # line 5: born in the future
    ])
    episodes = write(tmp_path, "e.csv", [
        EPISODE_COLUMNS,
        episode_row("KID001", "13/13/2019", "S", "C2", ""),  # 2: bad DECOM
        episode_row("KID001", "01/06/2019", "S", "C2", "01/05/2019"),  # 3: DEC before DECOM
        episode_row("KID001", "01/07/2019", "S", "XX", ""),  # 4: unknown LS (counted, not an error)
        episode_row("KID001", "01/08/2019", "Q", "C2", ""),  # 5: unknown RNE; starts while 4 is open
        episode_row("KID002", "01/03/2021", "S", "C2", ""),  # 6: starts in the future
        episode_row("KID004", "01/07/2019", "S", "C2", ""),  # 7: not in the header
        ",,,,,,,,,,,,",  # 8: an empty row from a spreadsheet: skipped
        episode_row("", "01/07/2019", "S", "C2", ""),  # 9: no child id
    ])
    result = read_ssda903([header, episodes], year=2020, today=TODAY)
    assert problems(result) == [
        ("e.csv", 2, "DECOM"), ("e.csv", 3, "DEC"), ("e.csv", 6, "DECOM"),
        ("e.csv", 7, "CHILD"), ("e.csv", 9, "CHILD"),
        ("h.csv", 3, "DOB"), ("h.csv", 4, "CHILD"), ("h.csv", 5, "DOB"),
    ]
    messages = {(p.file, p.line): p.message for p in result.cube.problems}
    assert messages["e.csv", 2] == "DECOM is not a date (expected dd/mm/yyyy)."
    assert messages["e.csv", 3] == "The episode ends (DEC) before it starts (DECOM)."
    [overlap] = result.cube.warnings  # a data-quality finding: listed, but it does not stop the import
    assert (overlap.file, overlap.line) == ("e.csv", 5) and "line 4" in overlap.message and "overlap" in overlap.message
    assert messages["e.csv", 6] == "DECOM is in the future (after 01/01/2021)."
    assert "not in the header" in messages["e.csv", 7]
    assert "already in the header at line 2" in messages["h.csv", 4]
    assert messages["h.csv", 5] == "DOB is in the future (after 01/01/2021)."
    assert dict(result.cube.invalid_values) == {("LS", "XX"): 1, ("RNE", "Q"): 1}
    # KID001 is still counted, from its usable episodes (the unknown LS is not a short break).
    assert dict(result.cube.cells) == {("cla_start", "white_british", "5-9", "female"): 1,
                                       ("cla_at_31_march", "white_british", "5-9", "female"): 1}
    assert_private(result, "KID", "2012", "2010", "2030", "13/13")


def test_overlap_names_both_lines_after_sorting(tmp_path):
    paths = csv_return(tmp_path, episodes=[
        ("KID001", "01/01/2020", "P", "C2", ""),  # line 2, the later one
        ("KID001", "10/06/2019", "S", "C2", "15/01/2020"),  # line 3, starts first and ends after line 2 starts
    ])
    result = read_ssda903(paths, year=2020, today=TODAY)
    assert not result.cube.problems
    [problem] = result.cube.warnings
    assert (problem.file, problem.line, problem.field) == ("episodes.csv", 2, "DECOM")
    assert problem.message == ("This episode starts before the episode at line 3 ends: a child's episodes should "
                               "not overlap.")


def test_missing_columns_named(tmp_path):
    header = csv_return(tmp_path)[0]
    episodes = write(tmp_path, "episodes.csv", ["CHILD,DECOM,RNE,CIN,PLACE", "KID001,10/06/2019,S,N1,U1"])
    result = read_ssda903([header, episodes], year=2020, today=TODAY)
    [problem] = result.cube.problems
    assert (problem.file, problem.line, problem.field) == ("episodes.csv", 1, "LS, DEC")
    assert problem.message == "The episodes file has no LS, DEC columns, so it was not read."


def test_without_a_header_file_one_error(tmp_path):
    episodes = csv_return(tmp_path)[1]
    result = read_ssda903([episodes], year=2020, today=TODAY)
    [problem] = result.cube.problems
    assert problem.file == "episodes.csv" and problem.line is None
    assert "No SSDA903 header file" in problem.message and "8 children" in problem.message
    assert result.cube.children == 0


def test_only_other_tables_is_an_error(tmp_path):
    reviews = write(tmp_path, "reviews.csv", ["CHILD,DOB,REVIEW,REVIEW_CODE", "KID001,01/05/2012,01/07/2019,PN1"])
    result = read_ssda903([reviews], today=TODAY)
    assert [p.message for p in result.cube.problems] == [
        "No SSDA903 episodes file (columns CHILD, DECOM, RNE, LS, ..., DEC, REC) was given."]


def test_unknown_table_with_child_column_is_noted(tmp_path):
    extra = write(tmp_path, "extra.csv", ["CHILD,FAVOURITE_COLOUR", "KID001,blue"])
    result = read_ssda903([*csv_return(tmp_path), extra], year=2020, today=TODAY)
    assert result.cube.problems == [] and dict(result.cube.cells) == EXPECTED_CELLS
    assert result.cube.notes == ["extra.csv has a CHILD column but is not an SSDA903 table this reader knows; "
                                 "it was not used."]


def test_malformed_xml_stops_that_file(tmp_path):
    path = write(tmp_path, "broken.xml", [
        "<?xml version='1.0'?>",
        "<EXPSSDA903>",
        "<CHILD><HEADER><CHILDID>KID001</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB><ETHNIC>WBRI</ETHNIC></HEADER>"
        + xml_episode("01/06/2019", "S", "C2", "") + "</CHILD>",
        "<CHILD><HEADER><CHILDID>KID002</CHILDID><SEX>1</SEX></HEADR>",
        "</CHILD></EXPSSDA903>",
    ])
    result = read_ssda903([path], year=2020, today=TODAY)
    [problem] = result.cube.problems
    assert (problem.file, problem.line, problem.field) == ("broken.xml", 4, "XML")
    assert problem.message == ("The XML is not well formed at line 4, column 61: Opening and ending tag mismatch: "
                               "HEADER line 4 and HEADR. The rest of the file was not read.")
    assert result.cube.children == 1  # the child before the fault was read


def test_xml_external_entities_are_not_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("WBRI")
    path = write(tmp_path, "xxe.xml", [
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>',
        "<EXPSSDA903><CHILD><HEADER><CHILDID>KID1</CHILDID><ETHNIC>&e;</ETHNIC></HEADER>"
        + xml_episode("01/06/2019", "S", "C2", "") + "</CHILD></EXPSSDA903>",
    ])
    result = read_ssda903([path], year=2020, today=TODAY)
    assert [(p.line, p.field) for p in result.cube.problems] == [(2, "XML")]
    assert result.cube.children == 0


def test_xml_bad_records(tmp_path):
    path = write(tmp_path, "bad.xml", [
        "<EXPSSDA903>",
        "<CHILD><HEADER><CHILDID>KID001</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB><ETHNIC>WBRI</ETHNIC></HEADER>"
        + xml_episode("01/06/2019", "S", "C2", "") + "</CHILD>",
        "<CHILD><HEADER><CHILDID>KID001</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB></HEADER></CHILD>",
        "<CHILD>" + xml_episode("01/06/2019", "S", "C2", "") + "</CHILD>",
        "<CHILD><HEADER><CHILDID>KID002</CHILDID><SEX>2</SEX><DOB>not known</DOB><ETHNIC>WBRI</ETHNIC></HEADER>",
        xml_episode("01/06/2019", "S", "C2", "01/01/2020"),
        xml_episode("32/01/2020", "P", "C2", ""),
        xml_episode("01/12/2019", "P", "C2", "01/02/2020"),
        "</CHILD>",
        "</EXPSSDA903>",
    ])
    result = read_ssda903([path], year=2020, today=TODAY)
    messages = [(p.line, p.field, p.message) for p in result.cube.problems]
    assert messages == [
        (3, "CHILDID", "Child record 2: the same child as child record 1 (at line 2); this record was not counted."),
        (4, "HEADER", "Child record 3: there is no HEADER, so the child was not counted."),
        (7, "DECOM", "Child record 4, episode 2: DECOM is not a date (expected dd/mm/yyyy)."),
        (5, "DOB", "Child record 4: DOB is not a date (expected dd/mm/yyyy)."),
    ]
    assert [(p.line, p.message) for p in result.cube.warnings] == [
        (8, "Child record 4: episode 3 starts before episode 1 ends: a child's episodes should not overlap.")]
    assert result.cube.cells["cla_start", "white_british", "unknown", "female"] == 1
    assert_private(result, "KID")


@needs_samples
def test_cin_census_is_the_wrong_format():
    with pytest.raises(WrongFormat, match=r"fake_CIN_data.xml does not look like an SSDA903 file: its root element "
                                          r"is <Message> \(a CIN census"):
        read_ssda903([EXTERNAL / "cin-census-fake" / "fake_CIN_data.xml"])


def test_random_csv_is_the_wrong_format(tmp_path):
    path = write(tmp_path, "people.csv", ["Name,Age", "Alice Smith,7"])
    with pytest.raises(WrongFormat) as refusal:
        read_ssda903([*csv_return(tmp_path), path])
    assert str(refusal.value).startswith("people.csv does not look like an SSDA903 file: its first row should name")
    assert "Alice" not in str(refusal.value)


@needs_samples
def test_workbook_is_the_wrong_format():
    with pytest.raises(WrongFormat, match="Excel workbook"):
        read_ssda903([LIIA / "Annex_A.xlsx"])


def test_empty_file(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    result = read_ssda903([*csv_return(tmp_path), tmp_path / "empty.csv"], year=2020, today=TODAY)
    assert [(p.file, p.message) for p in result.cube.problems] == [("empty.csv", "The file is empty.")]


# -- encodings, dates, progress ----------------------------------------------------------------------------------


def test_encodings_and_date_forms(tmp_path):
    header = write(tmp_path, "header.csv", ["CHILD,SEX,DOB,ETHNIC,NOTE",
                                            *[f"{c},{s},{d},{e},Zoë – O’Brien" for c, s, d, e in CHILDREN]],
                   encoding="cp1252")
    episodes = tmp_path / "episodes.csv"
    rows = [EPISODE_COLUMNS] + [episode_row(c, d.replace("/2019", "/2019 00:00"), r, ls, e) for c, d, r, ls, e in
                                EPISODES]
    episodes.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n")
    oc3 = write(tmp_path, "oc3.csv", [OC3_COLUMNS, "KID006,2002-10-10,YES,F1,Z1"], encoding="utf-16")
    result = read_ssda903([header, episodes, oc3], year=2020, today=TODAY)
    assert result.cube.problems == []
    assert dict(result.cube.cells) == EXPECTED_CELLS


@pytest.mark.parametrize(("text", "day"), [
    ("01/05/2012", date(2012, 5, 1)), ("1/5/2012", date(2012, 5, 1)), ("2012-05-01", date(2012, 5, 1)),
    ("01-05-2012", date(2012, 5, 1)), ("01/05/2012 00:00:00", date(2012, 5, 1)),
    ("2012-05-01T00:00:00", date(2012, 5, 1)), ("01.05.2012", date(2012, 5, 1)), ("", None), ("  ", None),
])
def test_parse_date(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2010", "2012/13/01", "01/05/12", "yesterday", "01/05/0012"])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_progress_every_5000_records(tmp_path):
    header = write(tmp_path, "header.csv", [HEADER_COLUMNS, "KID001,2,01/05/2012,WBRI,,,"])
    rows = [episode_row("KID001", f"{1 + n % 28:02d}/{1 + n // 28 % 12:02d}/2019", "P", "C2", "") for n in range(9999)]
    episodes = write(tmp_path, "episodes.csv", [EPISODE_COLUMNS, *rows])
    calls = []
    result = read_ssda903([header, episodes], year=2020, today=TODAY, progress=calls.append)
    assert calls == [5000, 10000]
    assert result.records_read == 10000


# -- the third-party sample files --------------------------------------------------------------------------------

# What each sample file (or set) gives, read on its own with the year inferred: year, children counted,
# children by stage, the problems by field and the overlap warnings. These are third-party fakes: their episodes
# overlap now and then, which the reader reports as a warning; the lone tables lack the episodes or header they need.
NO_EPISODES = {"": 1}
SAMPLES = {
    "ssda903-fake/*.csv": (2018, 1254, {"cla_at_31_march": 1201, "cla_start": 101, "care_leaver": 50}, {}, 82),
    "ssda903-fake/fake_903.xml": (2018, 115, {"cla_at_31_march": 110, "cla_start": 9, "care_leaver": 6}, {}, 9),
    "liiatools-samples/SSDA903_2020_episodes.csv": (2020, 0, {}, {"CHILD": 1}, 2),
    "ssda903-fake/episodes.csv": (2018, 0, {}, {"CHILD": 1}, 82),
    "ssda903-fake/header.csv": (None, 0, {}, NO_EPISODES, 0),
    "ssda903-fake/oc3.csv": (None, 0, {}, {}, 0),
    **{f"ssda903-fake/{name}": (None, 0, {}, NO_EPISODES, 0) for name in (
        "DoLo.csv", "ad1.csv", "missing.csv", "oc2.csv", "placed_for_adoption.csv", "previous_permanence.csv",
        "reviews.csv", "sw_episodes.csv", "uasc.csv")},
}


@needs_samples
def test_every_sample_file_is_covered():
    named = {f"ssda903-fake/{path.name}" for path in FAKE.iterdir()} | {"liiatools-samples/SSDA903_2020_episodes.csv"}
    assert named <= set(SAMPLES)


@needs_samples
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_files(name):
    year, children, stages, fields, overlaps = SAMPLES[name]
    paths = sorted(EXTERNAL.glob(name))
    result = read_ssda903(paths, today=TODAY)
    assert result.year == year
    assert result.cube.children == children
    assert dict(result.cube.stage_totals()) == stages
    assert dict(Counter(p.field for p in result.cube.problems)) == fields
    assert result.cube.problem_count == len(result.cube.problems)
    assert result.cube.warning_count == overlaps and {w.field for w in result.cube.warnings} <= {"DECOM"}
    for problem in result.cube.problems + result.cube.warnings:
        assert not re.search(r"\d{5,}", problem.message), problem  # no child id (the fakes' are 6 digits)
    assert not result.cube.invalid_values and not result.cube.invalid_codes


@needs_samples
def test_sample_overlaps_are_real():
    # episodes.csv lines 312 and 313: one child, the second episode starts before the first ends.
    result = read_ssda903([FAKE / "header.csv", FAKE / "episodes.csv"], year=2018, today=TODAY)
    assert not result.cube.problems
    first = result.cube.warnings[0]
    assert (first.file, first.line) == ("episodes.csv", 313)
    assert first.message.startswith("This episode starts before the episode at line 312 ends")
    lines = (FAKE / "episodes.csv").read_text().splitlines()
    child_a, decom_a, _, _, _, _, _, dec_a, *_ = lines[311].split(",")
    child_b, decom_b, *_ = lines[312].split(",")
    assert child_a == child_b
    assert parse_date(decom_a) < parse_date(decom_b) < parse_date(dec_a)


@needs_samples
def test_sample_xml_with_the_year_given():
    xml = read_ssda903([FAKE / "fake_903.xml"], year=2018, today=TODAY)
    assert xml.cube.notes == [] and xml.year == 2018 and xml.records_read == 253
