import pytest

# blason/organisations/forms.py (foundation) builds a URLField without assume_scheme, which warns under
# Django 5.2 when the URLconf is first imported. Tolerated here until the foundation branch fixes it.
_URLFIELD_WARNING = "ignore:The default scheme will be changed:django.utils.deprecation.RemovedInDjango60Warning"
# WhiteNoise warns about the missing STATIC_ROOT until the foundation's test settings (finders) are merged.
_STATIC_ROOT_WARNING = "ignore:No directory at:UserWarning"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/credentials/" in str(item.fspath):
            item.add_marker(pytest.mark.filterwarnings(_URLFIELD_WARNING))
            item.add_marker(pytest.mark.filterwarnings(_STATIC_ROOT_WARNING))
