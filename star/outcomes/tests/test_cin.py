"""CIN census reader: counting rules, header handling and bad input (no database)."""

from datetime import date
from pathlib import Path

import pytest

from star.outcomes.cube import WrongFormat
from star.outcomes.sources import cin
from star.outcomes.sources.cin import read_cin

TODAY = date(2024, 6, 1)
EXTERNAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "external"
CIN_SAMPLES = [*sorted((EXTERNAL / "cin-census-fake").glob("*.xml")), EXTERNAL / "liiatools-samples" / "cin-2022.xml"]
HEADER = """<Header>
  <CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate>
  </CollectionDetails>
  <Source><SourceLevel>L</SourceLevel><LEA>201</LEA></Source>
</Header>"""


def detail(referral="2023-06-01", *, closure=None, nfa="false", icpc=None, assessments=(), plans=(), s47=(),
           cpp=()) -> str:
    """One <CINdetails>. ``s47`` items are (S47ActualStartDate, DateOfInitialCPC or None)."""
    parts = [f"<CINreferralDate>{referral}</CINreferralDate>" if referral is not None else "",
             "<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>"]
    if closure:
        parts.append(f"<CINclosureDate>{closure}</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>")
    if icpc:
        parts.append(f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>")
    parts += [f"<Assessments><AssessmentActualStartDate>{d}</AssessmentActualStartDate></Assessments>"
              for d in assessments]
    parts += [f"<CINPlanDates><CINPlanStartDate>{d}</CINPlanStartDate></CINPlanDates>" for d in plans]
    for start, conference in s47:
        conference = f"<DateOfInitialCPC>{conference}</DateOfInitialCPC>" if conference else ""
        parts.append(f"<Section47><S47ActualStartDate>{start}</S47ActualStartDate>{conference}"
                     "<ICPCnotRequired>false</ICPCnotRequired></Section47>")
    parts.append(f"<ReferralNFA>{nfa}</ReferralNFA>")
    parts += [f"<ChildProtectionPlans><CPPstartDate>{d}</CPPstartDate></ChildProtectionPlans>" for d in cpp]
    return "<CINdetails>" + "".join(parts) + "</CINdetails>"


def child(*details: str, child_id="C1", birth="2015-06-01", expected=None, sex="1", sex_tag="Sex",
          ethnicity="WBRI") -> str:
    birth_xml = f"<PersonBirthDate>{birth}</PersonBirthDate>" if birth else ""
    expected_xml = f"<ExpectedPersonBirthDate>{expected}</ExpectedPersonBirthDate>" if expected else ""
    return (f"<Child>\n<ChildIdentifiers>\n<LAchildID>{child_id}</LAchildID>\n{birth_xml}{expected_xml}\n"
            f"<{sex_tag}>{sex}</{sex_tag}>\n</ChildIdentifiers>\n"
            f"<ChildCharacteristics><Ethnicity>{ethnicity}</Ethnicity></ChildCharacteristics>\n"
            + "\n".join(details or (detail(),)) + "\n</Child>")


def write(tmp_path: Path, *children: str, header: str | None = HEADER, namespace: str | None = None,
          name="cin.xml") -> Path:
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<Message{xmlns}>\n{header or ""}\n<Children>\n'
                    + "\n".join(children) + "\n</Children>\n</Message>\n", encoding="utf-8")
    return path


def read(path: Path, **kwargs):
    kwargs.setdefault("today", TODAY)
    return read_cin(path, **kwargs)


def totals(result) -> dict:
    return dict(result.cube.stage_totals())


# -- counting rules --------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "counted"), [("2023-04-01", True), ("2024-03-31", True), ("2023-03-31", False),
                                              ("2024-04-01", False)])
def test_referral_counts_only_inside_the_collection_year(tmp_path, day, counted):
    result = read(write(tmp_path, child(detail(day, closure="2024-04-10"))))
    assert totals(result).get("referral", 0) == int(counted)


@pytest.mark.parametrize(("stage", "kwargs"), [
    ("assessment", {"assessments": ["{d}"]}),
    ("cin_plan", {"plans": ["{d}"]}),
    ("section47", {"s47": [("{d}", None)]}),
    ("icpc", {"icpc": "{d}"}),
    ("icpc", {"s47": [("2022-01-01", "{d}")]}),
    ("cp_plan", {"cpp": ["{d}"]}),
])
def test_each_stage_date_counts_when_in_the_year(tmp_path, stage, kwargs):
    def fill(day):
        return {k: (v.format(d=day) if isinstance(v, str) else
                    [tuple(x.format(d=day) if x else x for x in i) if isinstance(i, tuple) else i.format(d=day)
                     for i in v]) for k, v in kwargs.items()}
    inside = child(detail("2022-01-01", closure="2022-02-01", **fill("2023-09-01")), child_id="in")
    outside = child(detail("2022-01-01", closure="2022-02-01", **fill("2023-03-01")), child_id="out")
    result = read(write(tmp_path, inside, outside))
    assert totals(result) == {stage: 1}
    assert result.cube.children == 1  # the child reaching no stage is not counted at all


def test_a_child_counts_once_per_stage_and_transitions_are_counted(tmp_path):
    xml = child(detail("2023-05-01", assessments=["2023-05-02", "2023-06-01"], s47=[("2023-05-03", "2023-05-20")],
                       cpp=["2023-05-21"], closure="2023-12-01"),
                detail("2023-12-05", assessments=["2023-12-06"], closure="2024-01-01"))
    result = read(write(tmp_path, xml))
    assert totals(result) == {"referral": 1, "re_referral_12m": 1, "assessment": 1, "section47": 1, "icpc": 1,
                              "cp_plan": 1}
    transitions = result.cube.transitions
    assert transitions["referral", "assessment", "white_british"] == 1
    assert transitions["section47", "icpc", "white_british"] == 1
    assert transitions["icpc", "cp_plan", "white_british"] == 1
    assert result.cube.children == 1


@pytest.mark.parametrize(("earlier", "counted"), [("2022-09-01", True), ("2022-08-15", True), ("2022-08-14", False),
                                                  ("2023-08-15", False)])
def test_re_referral_needs_an_earlier_referral_within_12_months(tmp_path, earlier, counted):
    xml = child(detail(earlier, closure="2022-08-14" if earlier < "2022-08-15" else None, nfa="true"),
                detail("2023-08-15", closure="2023-09-01"))
    result = read(write(tmp_path, xml))
    assert totals(result).get("re_referral_12m", 0) == int(counted)
    assert totals(result)["referral"] == 1


def test_two_referrals_both_in_the_year_make_a_re_referral(tmp_path):
    result = read(write(tmp_path, child(detail("2023-05-01", closure="2023-06-01"),
                                        detail("2023-11-01", closure="2023-12-01"))))
    assert totals(result) == {"referral": 1, "re_referral_12m": 1}


@pytest.mark.parametrize(("kwargs", "open_at_31_march"), [
    ({"referral": "2023-06-01"}, True),
    ({"referral": "2019-06-01"}, True),  # referred years ago, still open
    ({"referral": "2023-06-01", "closure": "2024-03-31"}, False),
    ({"referral": "2023-06-01", "closure": "2024-04-15"}, True),
    ({"referral": "2023-06-01", "nfa": "true"}, False),
    ({"referral": "2023-06-01", "nfa": "1"}, False),
    ({"referral": "2023-06-01", "nfa": "0"}, True),
    ({"referral": "2024-04-02"}, False),
])
def test_child_in_need_at_31_march(tmp_path, kwargs, open_at_31_march):
    result = read(write(tmp_path, child(detail(**kwargs))))
    assert totals(result).get("cin_at_31_march", 0) == int(open_at_31_march)


def test_demographics_sex_gender_current_age_band_and_ethnicity(tmp_path):
    result = read(write(tmp_path,
                        child(child_id="a", sex="2", sex_tag="Sex", birth="2014-03-31", ethnicity="APKN"),
                        child(child_id="b", sex="1", sex_tag="GenderCurrent", birth="2014-04-01"),
                        child(child_id="c", sex="9", birth=None, expected="2024-05-01", ethnicity="ZZZZ"),
                        child(child_id="d", sex="1", birth=None, ethnicity="")))
    cells = {(eth, band, sex) for (stage, eth, band, sex) in result.cube.cells if stage == "referral"}
    assert cells == {("asian_pakistani", "10-15", "female"), ("white_british", "5-9", "male"),
                     ("invalid", "0-4", "unknown"), ("not_obtained", "unknown", "male")}
    assert result.cube.invalid_codes == {"ZZZZ": 1}
    assert result.cube.problem_count == 0  # an expected birth date after today is not an error


def test_namespaced_file_reads_the_same(tmp_path):
    children = [child(detail(assessments=["2023-07-01"]), child_id="a"),
                child(detail(s47=[("2023-07-02", "2023-07-09")]), child_id="b", sex_tag="GenderCurrent")]
    plain = read(write(tmp_path, *children, name="plain.xml"))
    spaced = read(write(tmp_path, *children, namespace="http://www.dfe.gov.uk/CIN", name="ns.xml"))
    assert spaced.cube.cells == plain.cube.cells
    assert spaced.cube.transitions == plain.cube.transitions
    assert (spaced.year, spaced.area_code) == (plain.year, plain.area_code) == (2024, "201")
    assert totals(spaced)["icpc"] == 1


# -- year, area, progress --------------------------------------------------------------------------

def header(year=None, reference=None, lea="201"):
    year_xml = f"<Year>{year}</Year>" if year else ""
    reference_xml = f"<ReferenceDate>{reference}</ReferenceDate>" if reference else ""
    return (f"<Header><CollectionDetails><Collection>CIN</Collection>{year_xml}{reference_xml}</CollectionDetails>"
            f"<Source><LEA>{lea}</LEA></Source></Header>")


def test_year_from_reference_date_over_a_disagreeing_header_year(tmp_path):
    result = read(write(tmp_path, child(), header=header(2023, "2024-03-31", lea="873")))
    assert result.year == 2024
    assert result.area_code == "873"
    assert result.source == "cin" and result.files == ["cin.xml"] and result.records_read == 1
    assert any("ReferenceDate 2024-03-31" in note for note in result.cube.notes)


def test_year_from_header_year_alone_and_argument_wins(tmp_path):
    path = write(tmp_path, child(detail("2022-06-01", closure="2022-07-01")), header=header(2023))
    assert read(path).year == 2023
    assert totals(read(path)) == {"referral": 1}
    assert read(path, year=2024).year == 2024
    assert totals(read(path, year=2024)) == {}


def test_year_inferred_from_latest_date_with_a_note(tmp_path):
    path = write(tmp_path, child(detail("2022-06-01", closure="2023-02-01")), header=None)
    result = read(path)
    assert result.year == 2023
    assert result.area_code == ""
    assert any("the year of the latest date" in note for note in result.cube.notes)
    assert totals(result) == {"referral": 1}


def test_no_year_anywhere_counts_nothing(tmp_path):
    result = read(write(tmp_path, child(detail(None)), header=None))
    assert result.year is None
    assert result.cube.children == 0
    assert any("no year could be determined" in note for note in result.cube.notes)


def test_progress_every_so_many_children(tmp_path, monkeypatch):
    assert cin.PROGRESS_EVERY == 5000
    monkeypatch.setattr(cin, "PROGRESS_EVERY", 2)  # a small file keeps the test fast
    children = [child(child_id=str(i)) for i in range(5)]
    calls = []
    result = read(write(tmp_path, *children), progress=calls.append)
    assert calls == [2, 4, 5]
    assert result.records_read == 5
    assert totals(result) == {"referral": 5, "cin_at_31_march": 5}


# -- bad input -------------------------------------------------------------------------------------

def test_malformed_xml_reports_line_and_column_and_stops(tmp_path):
    path = tmp_path / "broken.xml"
    good = child(child_id="a")
    path.write_text(f"<Message>\n{HEADER}\n<Children>\n{good}\n<Child>\n<ChildIdentifiers>\n"
                    "<LAchildID>b</LAchild>\n</ChildIdentifiers>\n</Child>\n</Children>\n</Message>\n")
    line = path.read_text().splitlines().index("<LAchildID>b</LAchild>") + 1
    result = read(path)
    (problem,) = result.cube.problems
    assert problem.line == line
    assert problem.message.startswith(f"The XML is not well formed at line {line}, column ")
    assert "LAchildID" in problem.message
    assert result.records_read == 1 and result.cube.children == 1  # what came before the break was read
    assert any("Reading stopped" in note for note in result.cube.notes)


def test_bytes_of_a_badly_encoded_file_are_not_quoted(tmp_path):
    path = tmp_path / "latin1.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n<Message><Children><Child><ChildIdentifiers>'
                     b"<LAchildID>Ren\xe9e</LAchildID></ChildIdentifiers></Child></Children></Message>")
    (problem,) = read(path).cube.problems
    assert problem.message.startswith("The XML is not well formed at line 2")
    assert "0xE9" not in problem.message and "Bytes" not in problem.message


@pytest.mark.parametrize(("content", "expected"), [
    (b'<?xml version="1.0"?>\n<EXPSSDA903><Header/><Episodes/></EXPSSDA903>', "SSDA903"),
    (b"CHILD,DECOM,RNE,LS\n1,01/04/2023,S,C2\n", "not XML"),
    (b"PK\x03\x04rest-of-a-zip", "zip"),
    (b"<Message><Header><CollectionDetails><Collection>SC</Collection></CollectionDetails></Header>"
     b"<Children/></Message>", "SC collection"),
    (b"<Message><Header/><Pupils/></Message>", "no <Children>"),
])
def test_files_that_are_not_a_cin_census_raise_wrong_format(tmp_path, content, expected):
    path = tmp_path / "upload.dat"
    path.write_bytes(content)
    with pytest.raises(WrongFormat, match="expected a CIN census XML file") as raised:
        read(path)
    assert expected in str(raised.value)


def test_empty_file_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    result = read(path)
    assert [p.message for p in result.cube.problems] == ["The file is empty."]


def test_duplicate_child_is_reported_with_the_first_line_and_counted_once(tmp_path):
    path = write(tmp_path, child(child_id="SAME"), child(child_id="other"), child(child_id="SAME"))
    first = path.read_text().splitlines().index("<LAchildID>SAME</LAchildID>") + 1 - 2  # the <Child> line
    result = read(path)
    (problem,) = result.cube.problems
    assert problem.field == "LAchildID"
    assert f"line {first}" in problem.message
    assert problem.line > first
    assert "SAME" not in problem.message
    assert totals(result)["referral"] == 2 and result.cube.children == 2


def test_future_dates_are_errors_and_not_counted(tmp_path):
    path = write(tmp_path, child(detail("2023-05-01", assessments=["2024-07-01"], closure="2024-08-01"),
                                 birth="2030-01-01"))
    result = read(path)
    fields = sorted(p.field for p in result.cube.problems)
    assert fields == ["AssessmentActualStartDate", "CINclosureDate", "PersonBirthDate"]
    assert all("in the future" in p.message and p.line for p in result.cube.problems)
    assert all("2030" not in p.message for p in result.cube.problems)
    assert totals(result) == {"referral": 1, "cin_at_31_march": 1}  # the future closure is ignored


def test_unparseable_date_is_an_error_with_its_line(tmp_path):
    path = write(tmp_path, child(detail("01/05/2023"), detail("2023-06-01", assessments=["2023-13-01"])))
    lines = path.read_text().splitlines()
    result = read(path)
    problems = {p.field: p for p in result.cube.problems}
    assert set(problems) == {"CINreferralDate", "AssessmentActualStartDate"}
    assert problems["CINreferralDate"].message == "CINreferralDate is not a date in the form yyyy-mm-dd."
    assert "01/05/2023" in lines[problems["CINreferralDate"].line - 1]
    assert totals(result) == {"referral": 1, "cin_at_31_march": 1}


def test_closure_before_referral_is_an_error(tmp_path):
    result = read(write(tmp_path, child(detail("2023-06-01", closure="2023-05-01"))))
    (problem,) = result.cube.problems
    assert (problem.field, problem.message) == ("CINclosureDate", "CINclosureDate is before CINreferralDate.")
    assert problem.line is not None
    assert totals(result) == {"referral": 1}


def test_a_child_without_identifiers_or_header_is_still_counted(tmp_path):
    xml = ("<Child><CINdetails><Assessments><AssessmentActualStartDate>2023-07-01</AssessmentActualStartDate>"
           "</Assessments><ReferralNFA>0</ReferralNFA></CINdetails></Child>")
    result = read(write(tmp_path, xml, header=None))
    assert result.year == 2024  # inferred from the assessment date
    assert totals(result) == {"assessment": 1}
    assert [p.message for p in result.cube.problems] == ["LAchildID is missing; the child was counted."]
    assert result.cube.cells["assessment", "not_obtained", "unknown", "unknown"] == 1


def test_stray_text_inside_child_identifiers_is_tolerated(tmp_path):
    xml = child().replace("<LAchildID>C1</LAchildID>", "<LAchildID>C1</LAchildID>PersonBirthDate\n")
    result = read(write(tmp_path, xml))
    assert result.cube.problem_count == 0
    assert result.cube.children == 1


# -- the external samples --------------------------------------------------------------------------

@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="external sample data not present")
@pytest.mark.parametrize("path", CIN_SAMPLES, ids=lambda p: p.name)
def test_external_samples_read_without_exception(path):
    result = read_cin(path, today=date(2026, 11, 29))
    assert result.source == "cin"
    assert result.year in {2022, 2023, 2024}
    assert result.area_code in {"201", "975"}
    assert result.records_read >= 1
    for problem in result.cube.problems:
        assert problem.file == path.name and problem.line


@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="external sample data not present")
def test_external_samples_known_figures():
    fake = EXTERNAL / "cin-census-fake"
    result = read_cin(fake / "CIN_Census_2024.xml", today=date(2026, 11, 29))
    assert (result.year, result.records_read, totals(result)) == (2024, 2, {"assessment": 1})
    assert [p.field for p in result.cube.problems] == ["AssessmentActualStartDate"]  # 2028: in the future
    big = read_cin(fake / "fake_CIN_data.xml", today=date(2026, 11, 29))
    assert big.year == 2022 and big.area_code == "975" and big.records_read == 332
    assert big.cube.children > 0 and totals(big)["referral"] > 0
    with pytest.raises(WrongFormat, match="CSWW"):
        read_cin(EXTERNAL / "liiatools-samples" / "social_work_workforce_2022.xml")
    with pytest.raises(WrongFormat):
        read_cin(EXTERNAL / "liiatools-samples" / "SSDA903_2020_episodes.csv")
