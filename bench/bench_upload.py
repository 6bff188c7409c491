"""Peak memory while Django receives a large evidence upload (not a test: prints figures).

Usage:  .venv/bin/python bench/bench_upload.py [size_mb ...]     (default: 20 200)

The multipart body is generated lazily and fed to Django's WSGI request handling as a stream,
so the only memory the figures show is the server side's: Django's upload handlers spool the
file to a temporary file on disk, and blason.applications copies it to the private storage
chunk by chunk while hashing. The peak of Python allocations (tracemalloc) should stay flat —
a few MB — whatever the file size.
"""

import os
import resource
import struct
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.client import ClientHandler  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

CHUNK = b"\x00" * (1024 * 1024)
BOUNDARY = "blasonbenchboundary"


def mp4_header(total_size: int, seconds: int = 120) -> bytes:
    def box(kind, payload):
        return struct.pack(">I", 8 + len(payload)) + kind + payload

    ftyp = box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    matrix = struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
    mvhd = box(
        b"mvhd",
        b"\0\0\0\0"
        + struct.pack(">IIII", 0, 0, 1000, seconds * 1000)
        + struct.pack(">IH", 0x10000, 0x100)
        + b"\0" * 10
        + matrix
        + b"\0" * 24
        + struct.pack(">I", 2),
    )
    head = ftyp + box(b"moov", mvhd)
    mdat_size = total_size - len(head)
    return head + struct.pack(">I", mdat_size) + b"mdat"


class MultipartStream:
    """A file-like wsgi.input producing a multipart body with a `size`-byte MP4, without holding it."""

    def __init__(self, criterion_id: int, size: int):
        header = mp4_header(size)
        self.prefix = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="criterion"\r\n\r\n{criterion_id}\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="video.mp4"\r\n'
            "Content-Type: video/mp4\r\n\r\n"
        ).encode() + header
        self.body_remaining = size - len(header)
        self.suffix = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(self.prefix) + self.body_remaining + len(self.suffix)
        self._buffer = b""

    def _next_piece(self) -> bytes:
        if self.prefix:
            piece, self.prefix = self.prefix, b""
            return piece
        if self.body_remaining:
            n = min(len(CHUNK), self.body_remaining)
            self.body_remaining -= n
            return CHUNK[:n]
        piece, self.suffix = self.suffix, b""
        return piece

    def read(self, size=-1):
        if size is None or size < 0:
            size = 1 << 62
        while len(self._buffer) < size:
            piece = self._next_piece()
            if not piece:
                break
            self._buffer += piece
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def readline(self, size=-1):
        return self.read(size)


def main(sizes_mb):
    from blason.applications.models import Evidence
    from blason.organisations.enums import Role
    from tests.applications.factories import (
        BadgeApplicationFactory,
        MembershipFactory,
        OrganisationFactory,
        make_badge,
    )

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    try:
        cfa = OrganisationFactory()
        manager = MembershipFactory(organisation=cfa, role=Role.CFA_MANAGER).user
        application = BadgeApplicationFactory(badge_class=make_badge(), applicant_organisation=cfa, created_by=manager)
        criterion = application.applicable_criteria().first()
        client = Client()
        client.force_login(manager)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        handler = ClientHandler(enforce_csrf_checks=False)
        print(f"FILE_UPLOAD_MAX_MEMORY_SIZE = {settings.FILE_UPLOAD_MAX_MEMORY_SIZE / 1e6:.1f} MB")
        print(f"{'upload':>10} {'status':>6} {'python peak':>12} {'max RSS':>10} {'time':>7}")
        # A first small upload warms up imports, templates and caches; it is shown for reference.
        for size_mb in [1, *sizes_mb]:
            stream = MultipartStream(criterion.pk, size_mb * 1024 * 1024)
            environ = {
                "REQUEST_METHOD": "POST",
                "PATH_INFO": f"/demandes/{application.public_id}/pieces/",
                "SERVER_NAME": "testserver",
                "SERVER_PORT": "80",
                "wsgi.url_scheme": "http",
                "wsgi.input": stream,
                "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
                "CONTENT_LENGTH": str(stream.length),
                "HTTP_COOKIE": cookie,
            }
            tracemalloc.start()
            started = time.perf_counter()
            response = handler(environ)
            elapsed = time.perf_counter() - started
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            stored = Evidence.objects.order_by("-pk").first()
            ok = stored is not None and stored.size_bytes == size_mb * 1024 * 1024
            print(
                f"{size_mb:>7} MB {response.status_code:>6} {peak / 1e6:>9.1f} MB {rss_mb:>7.0f} MB {elapsed:>6.1f}s"
                f"  stored={'yes' if ok else 'NO'}"
            )
            if stored is not None:
                stored.file.storage.delete(stored.file.name)
                Evidence.objects.filter(pk=stored.pk).delete()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 200])
