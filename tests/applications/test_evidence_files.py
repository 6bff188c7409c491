import hashlib
import io
import zipfile

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from blason.applications import evidence_files, services
from blason.applications.exceptions import EvidenceRejected
from blason.applications.models import Evidence
from tests.applications.factories import BadgeApplicationFactory, minimal_mp4, minimal_pdf, mp4_upload, pdf_upload


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (minimal_pdf(), "application/pdf"),
        (minimal_mp4(10), "video/mp4"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        (_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), evidence_files.DOCX),
        (_zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>"}), evidence_files.XLSX),
        (
            _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"}),
            "application/vnd.oasis.opendocument.text",
        ),
        (_zip({"random.txt": "hello"}), None),
        (b"MZ\x90\x00 an executable", None),
        (b"plain text pretending", None),
    ],
)
def test_sniff_content_type_reads_the_bytes(content, expected):
    assert evidence_files.sniff_content_type(io.BytesIO(content)) == expected


def test_mp4_duration_is_read_from_the_movie_header():
    assert evidence_files.mp4_duration_seconds(io.BytesIO(minimal_mp4(301))) == 301
    assert evidence_files.mp4_duration_seconds(io.BytesIO(minimal_mp4(300)[:30])) is None


@pytest.fixture
def draft(world):
    return BadgeApplicationFactory(badge_class=world.badge, applicant_organisation=world.cfa, created_by=world.manager)


def _criterion(application):
    return application.applicable_criteria().first()


def test_a_pdf_is_stored_privately_with_its_hash(draft, world):
    evidence = services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=pdf_upload())
    assert evidence.content_type == "application/pdf"
    assert evidence.sha256 == hashlib.sha256(minimal_pdf()).hexdigest()
    assert evidence.size_bytes == len(minimal_pdf())
    assert evidence.file.name.startswith("evidence/") and "preuve" not in evidence.file.name
    assert evidence.original_name == "preuve.pdf"
    with storages["private"].open(evidence.file.name) as stored:
        assert stored.read() == minimal_pdf()


def test_a_pdf_renamed_mp4_is_stored_as_what_it_is(draft, world):
    upload = SimpleUploadedFile("video.mp4", minimal_pdf(), content_type="video/mp4")
    evidence = services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=upload)
    assert evidence.content_type == "application/pdf" and not evidence.is_video


def test_an_executable_renamed_pdf_is_refused(draft, world):
    upload = SimpleUploadedFile("preuve.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    with pytest.raises(EvidenceRejected, match="type de fichier n’est pas accepté"):
        services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=upload)
    assert not Evidence.objects.exists()


def test_a_301_second_video_is_refused_where_the_cap_is_300(draft, world):
    with pytest.raises(EvidenceRejected, match="301 secondes ; ce badge accepte au plus 300"):
        services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=mp4_upload(301))
    assert not Evidence.objects.exists()
    evidence = services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=mp4_upload(300))
    assert evidence.is_video and evidence.duration_seconds == 300


def test_size_limits_come_from_settings(draft, world, settings):
    settings.EVIDENCE_MAX_SIZE_BYTES = 100
    with pytest.raises(EvidenceRejected, match="taille maximale"):
        services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=pdf_upload())
    # Videos have their own, larger limit.
    assert services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=mp4_upload(10))
    settings.EVIDENCE_VIDEO_MAX_SIZE_BYTES = 100
    with pytest.raises(EvidenceRejected, match="taille maximale"):
        services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=mp4_upload(10))


def test_a_truncated_pdf_is_refused(draft, world):
    upload = SimpleUploadedFile("preuve.pdf", minimal_pdf()[:200], content_type="application/pdf")
    with pytest.raises(EvidenceRejected, match="incomplet"):
        services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=upload)


def test_links_and_texts(draft, world):
    link = services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, url="https://exemple.fr/bilan")
    text = services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, text="Une courte preuve.")
    assert (link.type, text.type) == ("link", "text")
    with pytest.raises(EvidenceRejected, match="soit un fichier"):
        services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, url="https://a.fr", text="b")


def test_removing_evidence_deletes_the_unshared_file(draft, world, django_capture_on_commit_callbacks):
    evidence = services.add_evidence(draft, criterion=_criterion(draft), by=world.manager, upload=pdf_upload())
    name = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_evidence(evidence, by=world.manager)
    assert not storages["private"].exists(name)
    assert not Evidence.objects.exists()
