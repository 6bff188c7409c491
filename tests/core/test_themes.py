"""The neutral theme restyles every DSFR component class that the templates use."""

import re
from pathlib import Path

from django.conf import settings

BLASON_DIR = Path(settings.BASE_DIR) / "blason"
# Classes that only mean something with the State's identity (DSFR theme) or are pure DSFR behaviour hooks.
DSFR_ONLY = {"fr-logo", "fr-scheme", "fr-icon"}


def _used_classes() -> set[str]:
    used = set()
    for path in [*BLASON_DIR.glob("templates/**/*.html"), *BLASON_DIR.glob("*/forms.py")]:
        for attr in re.findall(r'class="([^"]*)"', path.read_text()):
            # Drop template tags inside the attribute, keep plain fr-* tokens.
            attr = re.sub(r"{[%{].*?[%}]}", " ", attr)
            used.update(token for token in attr.split() if re.fullmatch(r"fr-[a-z0-9_-]*[a-z0-9]", token))
    return used


def test_neutral_theme_styles_every_component_class_the_templates_use():
    css = (BLASON_DIR / "static" / "neutral" / "neutral.css").read_text()
    defined = set(re.findall(r"\.(fr-[a-z0-9_-]+)", css))
    missing = sorted(
        name
        for name in _used_classes()
        if name not in defined
        and not any(name.startswith(prefix) for prefix in DSFR_ONLY)
        # Element parts (fr-header__body …) are styled through their block when the block is.
        and "__" not in name
    )
    assert missing == []


def test_every_page_title_ends_with_the_deployment_name():
    """Page titles are unique and name the service (RGAA 8.6): "<page> — <site name>"."""
    missing = [
        str(path.relative_to(BLASON_DIR))
        for path in BLASON_DIR.glob("templates/**/*.html")
        for block in re.findall(r"{% block title %}(.*?){% endblock(?: title)? %}", path.read_text(), flags=re.S)
        if "BLASON_SITE_NAME" not in block
    ]
    assert missing == []
