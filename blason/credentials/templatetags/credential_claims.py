"""Display helpers for what a (possibly foreign, untrusted) credential claims."""

import datetime
from urllib.parse import urlsplit

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def claim_date(value):
    """An XSD dateTime string as a date in the reader's language ("24 novembre 2026"); anything else as is."""
    if not isinstance(value, str) or not value:
        return value
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


@register.filter
def safe_link(value) -> str:
    """The URL when it is http(s) (a pasted credential may hold javascript: or data: ids), else ""."""
    if not isinstance(value, str):
        return ""
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return ""
    return value if scheme in {"http", "https"} else ""
