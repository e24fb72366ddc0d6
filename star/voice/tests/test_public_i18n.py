"""The public survey pages in other languages, and the translation files behind them."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from star.voice.models import Response
from star.voice.tests.test_public_form import FULL, build_survey, form_key, html

MSGFMT = shutil.which("msgfmt")
PO_FILES = sorted(Path(settings.BASE_DIR).glob("star/**/locale/*/LC_MESSAGES/*.po"))


@pytest.fixture
def link(organisation):
    return build_survey(organisation)


@pytest.mark.django_db
def test_urdu_is_written_right_to_left(client, link):
    response = client.get(f"/s/{link.token}/?lang=ur")
    text = html(response)
    assert '<html lang="ur" dir="rtl"' in text
    assert "voice/public-rtl.css" in text
    assert "اپنے جوابات بھیجیں" in text  # Send your answers
    assert "بالکل متفق" in text  # Strongly agree
    assert response["Content-Language"] == "ur"


@pytest.mark.django_db
def test_wording_not_yet_translated_is_marked_as_english(client, link):
    text = html(client.get(f"/s/{link.token}/?lang=ur"))
    assert '<h1 class="govuk-heading-l"><span lang="en-gb" dir="ltr">How was it for you?</span></h1>' in text
    assert '<span lang="en-gb" dir="ltr">I was listened to.</span> (اختیاری)' not in text  # required: no "(optional)"
    assert '<span lang="en-gb" dir="ltr">Anything else?</span> (اختیاری)' in text
    assert '<label class="govuk-label govuk-radios__label" for="id_q_listened_4">بالکل متفق</label>' in text
    english = html(client.get(f"/s/{link.token}/"))
    assert 'dir="ltr">' not in english.split('<main')[1]


@pytest.mark.django_db
def test_turkish(client, link):
    text = html(client.get(f"/s/{link.token}/?lang=tr"))
    assert '<html lang="tr" dir="ltr"' in text
    assert "Yanıtlarınızı gönderin" in text
    assert "Kesinlikle katılıyorum" in text
    assert "(isteğe bağlı)" in text
    assert "public-rtl.css" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["xx", "de", "", "../ur"])
def test_an_unknown_language_falls_back_to_english(client, link, code):
    text = html(client.get(f"/s/{link.token}/", {"lang": code}))
    assert '<html lang="en-gb" dir="ltr"' in text
    assert "Send your answers" in text


@pytest.mark.django_db
def test_the_language_switcher_names_each_language_in_itself(client, link):
    text = html(client.get(f"/s/{link.token}/?lang=tr"))
    assert f'<a class="govuk-link" href="/s/{link.token}/?lang=en-gb" lang="en-gb" hreflang="en-gb">English</a>' in text
    assert f'<a class="govuk-link" href="/s/{link.token}/?lang=ur" lang="ur" hreflang="ur">اردو</a>' in text
    assert '<span lang="tr" aria-current="true"><strong>Türkçe</strong></span>' in text


@pytest.mark.django_db
def test_the_language_is_kept_through_a_post(client, link):
    page = html(client.get(f"/s/{link.token}/?lang=tr"))
    data = {**FULL, "q_listened": "", "form_key": form_key(page), "lang": "tr", "website": ""}
    response = client.post(f"/s/{link.token}/", data)
    text = html(response)
    assert '<html lang="tr"' in text
    assert "Bir sorun var" in text  # There is a problem
    assert '‘<span lang="en-gb" dir="ltr">I was listened to.</span>’ sorusu için bir yanıt seçin' in text
    assert '<input type="hidden" name="lang" value="tr">' in text
    sent = client.post(f"/s/{link.token}/", {**data, "q_listened": "5"})
    assert sent["Location"] == f"/s/{link.token}/thank-you/?lang=tr"
    assert Response.objects.get().language == "tr"
    assert "Teşekkür ederiz" in html(client.get(sent["Location"]))


def test_there_are_translation_files():
    assert {path.parent.parent.name for path in PO_FILES} >= {"tr", "ur"}


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_translation_compiles_and_its_mo_is_up_to_date(po, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run([MSGFMT, "--check", "-o", str(compiled), str(po)],  # noqa: S603
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    shipped = po.with_suffix(".mo")
    assert shipped.exists(), f"{shipped} is missing: run compilemessages"
    with compiled.open("rb") as fresh, shipped.open("rb") as kept:
        assert gettext.GNUTranslations(kept)._catalog == gettext.GNUTranslations(fresh)._catalog, (
            f"{shipped} is older than {po}: run compilemessages")
