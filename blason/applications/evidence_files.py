"""Evidence files: recognise the type from the content, read MP4 durations, store privately.

An uploaded file arrives through Django's upload handlers, which spool anything above
FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file on disk. From there it is only ever read in
chunks: the type is sniffed from its first bytes, and it is copied to the private storage
chunk by chunk while the SHA-256 is computed — never read whole into memory.
"""

import hashlib
import uuid
import zipfile
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import storages

HEAD_SIZE_BYTES = 64
PDF_TAIL_SIZE_BYTES = 2048

MP4 = "video/mp4"
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODF_PREFIX = "application/vnd.oasis.opendocument."

ACCEPTED_TYPES_LABEL = "PDF, Word/Excel/PowerPoint, OpenDocument, PNG, JPEG, MP4"

# ISO base media "ftyp" brands of MP4 files (ISO/IEC 14496-12 and -14). QuickTime ("qt  ") is
# not MP4 and browsers do not reliably play it.
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V ", b"mmp4"}


@dataclass(frozen=True)
class StoredEvidenceFile:
    name: str
    sha256: str
    size_bytes: int


def _read_head(fileobj, size: int) -> bytes:
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(0)
    return head


def _office_type(fileobj) -> str | None:
    """OOXML (a zip with [Content_Types].xml) or ODF (a zip whose `mimetype` entry names the type)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype.startswith(ODF_PREFIX):
                    return mimetype
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
                if any(name.startswith("ppt/") for name in names):
                    return PPTX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        fileobj.seek(0)
    return None


def sniff_content_type(fileobj) -> str | None:
    """The content type recognised from the bytes (never the name); None if not accepted."""
    head = _read_head(fileobj, HEAD_SIZE_BYTES)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return MP4
    if head.startswith(b"PK\x03\x04"):
        return _office_type(fileobj)
    return None


def pdf_looks_complete(fileobj, size: int) -> bool:
    """A PDF ends with %%EOF (ISO 32000-1 §7.5.5); a cut-off upload does not."""
    fileobj.seek(max(0, size - PDF_TAIL_SIZE_BYTES))
    tail = fileobj.read(PDF_TAIL_SIZE_BYTES)
    fileobj.seek(0)
    return b"%%EOF" in tail


def mp4_duration_seconds(fileobj) -> float | None:
    """The duration declared by the movie header (moov/mvhd), read with mutagen; None if unreadable."""
    from mutagen.mp4 import MP4

    try:
        fileobj.seek(0)
        info = MP4(fileobj).info
    except Exception:  # mutagen raises many error types on damaged files: all mean "unreadable"
        return None
    finally:
        fileobj.seek(0)
    length = getattr(info, "length", None)
    return float(length) if length else None


class _HashingFile(File):
    """Yields the upload's chunks to the storage and hashes each one on its way."""

    def __init__(self, upload):
        super().__init__(upload.file, name=upload.name)
        self._upload = upload
        self.digest = hashlib.sha256()
        self.hashed_bytes = 0

    def chunks(self, chunk_size=None):
        self._upload.seek(0)
        for chunk in self._upload.chunks(chunk_size):
            self.digest.update(chunk)
            self.hashed_bytes += len(chunk)
            yield chunk


def store_evidence_file(upload) -> StoredEvidenceFile:
    """Copy the upload to the private storage under a random key, hashing while writing."""
    storage = storages["private"]
    wrapped = _HashingFile(upload)
    name = storage.save(f"evidence/{uuid.uuid4()}", wrapped)
    if wrapped.hashed_bytes != upload.size:
        # A storage that reads the file itself instead of iterating chunks (e.g. S3's upload_fileobj):
        # hash in a second streaming pass.
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        sha256 = digest.hexdigest()
    else:
        sha256 = wrapped.digest.hexdigest()
    return StoredEvidenceFile(name=name, sha256=sha256, size_bytes=upload.size)


def delete_stored_file(name: str) -> None:
    storages["private"].delete(name)
