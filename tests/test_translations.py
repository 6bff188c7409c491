"""The English catalogue (blason/locale/en): complete, faithful to its placeholders, compiled, and used by the pages.

The msgids are the French strings of the code. A string added anywhere without its English translation makes
test_every_message_of_the_code_is_translated fail: run makemessages, translate, compilemessages (see
scripts/translations.py, which lists what is left to translate).
"""

import gettext
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.accounts.factories import UserFactory

ROOT = Path(settings.BASE_DIR)


def _load_helpers():
    """scripts/translations.py: the dependency-free PO parser shared with the translators' tooling."""
    spec = importlib.util.spec_from_file_location("blason_translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


translations = _load_helpers()

IN_CI = os.getenv("CI", "").lower() in {"1", "true", "yes"}
EN_PO = translations.EN_PO
EN_MO = translations.EN_MO


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"CI must have GNU gettext ({tool}) installed")
        pytest.skip(f"GNU gettext ({tool}) is not installed on this machine (CI installs it)")
    return path


@pytest.fixture(scope="module")
def committed():
    return translations.messages(translations.parse_po(EN_PO))


def describe(entry) -> str:
    refs = " ".join(c[3:] for c in entry.comments if c.startswith("#:"))
    return f"{entry.msgid!r} ({refs})"


# (a) Completeness -----------------------------------------------------------------------------------------------


def test_committed_catalogue_has_no_empty_or_fuzzy_entry(committed):
    assert len(committed) > 500, "the English catalogue looks truncated"
    untranslated = [describe(e) for e in committed if not all(e.translations)]
    fuzzy = [describe(e) for e in committed if e.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated: " + "; ".join(untranslated[:20])
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check, then remove the flag): " + "; ".join(fuzzy[:20])


def test_header_is_english_with_plural_forms():
    header = translations.parse_po(EN_PO)[0]
    assert header.msgid == "" and not header.fuzzy
    assert "Language: en\n" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr
    assert "charset=UTF-8" in header.msgstr


def test_msgfmt_accepts_the_catalogue():
    msgfmt = require("msgfmt")
    result = subprocess.run(
        [msgfmt, "--check", "--check-format", "-o", os.devnull, str(EN_PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_every_message_of_the_code_is_translated(tmp_path, settings, monkeypatch):
    """Regenerate the catalogue from today's sources (in a copy) and require a translation for every message."""
    require("xgettext")
    require("msgmerge")
    source = tmp_path / "blason"
    shutil.copytree(
        ROOT / "blason",
        source,
        ignore=shutil.ignore_patterns("locale", "migrations", "static", "__pycache__", "node_modules"),
    )
    (source / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(EN_PO, source / "locale" / "en" / "LC_MESSAGES" / "django.po")
    settings.LOCALE_PATHS = [str(source / "locale")]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["en"], ignore_patterns=["migrations"], no_obsolete=True, verbosity=0)

    regenerated = translations.messages(translations.parse_po(source / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [describe(e) for e in regenerated if not e.translated]
    assert not missing, (
        f"{len(missing)} message(s) of the code have no (or only a fuzzy) English translation — "
        "run makemessages -l en from blason/ and translate them: " + "; ".join(missing[:30])
    )
    assert len(regenerated) > 500


# (b) Placeholders, markup, plural forms -------------------------------------------------------------------------

PERCENT_RE = re.compile(r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
NAMED_RE = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACE_RE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[.:!][^{}]*)?\}|\{\d*\}")
TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
ENTITY_RE = re.compile(r"&[A-Za-z]+;|&#\d+;")


def shape(text: str, flags: list[str]) -> dict:
    """What must survive translation: placeholders (as a multiset), HTML tags, entities, surrounding newlines."""
    found = {}
    if "python-format" in flags:
        found["percent"] = sorted(m.group(0) for m in PERCENT_RE.finditer(text.replace("%%", "")))
    else:  # a %(name)s is unambiguous, even where xgettext did not flag the message (msgfmt would not check it)
        found["named"] = sorted(NAMED_RE.findall(text))
    if "python-brace-format" in flags:
        found["brace"] = sorted(BRACE_RE.findall(text))
    found["tags"] = sorted(TAG_RE.findall(text))
    found["entities"] = sorted(ENTITY_RE.findall(text))
    found["edges"] = (text.startswith("\n"), text.endswith("\n"))
    return found


def test_placeholders_and_markup_are_kept(committed):
    problems = []
    for entry in committed:
        if entry.msgid_plural is None:
            pairs = [(entry.msgid, entry.msgstr)]
        else:
            pairs = [(entry.msgid, entry.translations[0])] + [(entry.msgid_plural, t) for t in entry.translations[1:]]
        for source, translated in pairs:
            if not translated:
                continue
            expected, got = shape(source, entry.flags), shape(translated, entry.flags)
            if expected != got:
                problems.append(f"{source!r} -> {translated!r}: {expected} != {got}")
    assert not problems, f"{len(problems)} translation(s) lost or added a placeholder or tag:\n" + "\n".join(problems)


def test_plural_entries_have_every_form(committed):
    for entry in committed:
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr_plural) == [0, 1], describe(entry)


# (c) The committed .mo is the compiled .po ---------------------------------------------------------------------


def expected_catalog() -> dict:
    catalog = {}
    for entry in translations.parse_po(EN_PO):
        if entry.obsolete or (entry.fuzzy and entry.msgid):
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is not None:
            for index, text in enumerate(entry.translations):
                catalog[(key, index)] = text
        elif entry.msgstr:
            catalog[key] = entry.msgstr
    # msgfmt leaves out the header's POT-Creation-Date, which makemessages rewrites on every run.
    catalog[""] = re.sub(r"POT-Creation-Date: [^\n]*\n", "", catalog.get("", ""))
    return catalog


def test_compiled_catalogue_is_up_to_date():
    assert EN_MO.exists(), "compile the catalogue: manage.py compilemessages -l en (the .mo is committed)"
    with EN_MO.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)
    expected = expected_catalog()
    stale = sorted(str(k) for k in set(expected) | set(compiled) if expected.get(k) != compiled.get(k))
    assert not stale, (
        f"django.mo differs from django.po on {len(stale)} entries — run compilemessages -l en: {stale[:10]}"
    )


def test_msgfmt_compiles_the_same_catalogue(tmp_path):
    msgfmt = require("msgfmt")
    target = tmp_path / "django.mo"
    subprocess.run([msgfmt, "-o", str(target), str(EN_PO)], check=True)
    with target.open("rb") as fresh, EN_MO.open("rb") as committed_mo:
        assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(committed_mo)._catalog


# (d) The pages speak the visitor's language ---------------------------------------------------------------------

PAGES = {
    "home": (
        lambda: reverse("core:home"),
        ["Verify a badge", "Badge catalogue", "Legal notice"],
        ["Vérifier un badge", "Catalogue des badges", "Mentions légales"],
    ),
    "login": (lambda: reverse("account_login"), ["Sign in"], ["Se connecter"]),
}


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode().replace("&#x27;", "’").replace("&#39;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_is_in_english_with_accept_language_en(client, page):
    url, english, french = PAGES[page]
    content = html(client.get(url(), HTTP_ACCEPT_LANGUAGE="en"))
    assert '<html lang="en"' in content
    for text in english:
        assert text in content
    for text in french:
        assert text not in content


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_is_in_french_by_default_and_with_accept_language_fr(client, page):
    url, english, french = PAGES[page]
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}):
        content = html(client.get(url(), **headers))
        assert '<html lang="fr"' in content
        for text in french:
            assert text in content
        for text in english:
            assert text not in content


def switch_language(client, language: str):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302 and response.url == "/", "set_language did not switch the language"


@pytest.mark.django_db
def test_set_language_switches_the_pages_to_english_and_back(client):
    client.force_login(UserFactory())
    switch_language(client, "en")
    content = html(client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="fr"))
    assert '<html lang="en"' in content
    assert "Verify a badge" in content and "Vérifier un badge" not in content

    switch_language(client, "fr")
    content = html(client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Vérifier un badge" in content and "Verify a badge" not in content


@pytest.mark.django_db
def test_anonymous_visitor_can_switch_to_english(client):
    switch_language(client, "en")
    content = html(client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "Sign in" in content and "Se connecter" not in content


def test_python_messages_are_translated_in_english():
    from django.utils import translation

    with translation.override("en"):
        from django.utils.translation import gettext as _

        assert _("Le SIRET doit compter exactement 14 chiffres.") == "The SIRET must have exactly 14 digits."
    with translation.override("fr"):
        assert _("Le SIRET doit compter exactement 14 chiffres.") == "Le SIRET doit compter exactement 14 chiffres."
