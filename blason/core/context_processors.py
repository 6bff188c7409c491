from django.conf import settings


def deployment(request):
    return {
        "BLASON_SITE_NAME": settings.BLASON_SITE_NAME,
        "BLASON_THEME": settings.BLASON_THEME,
        "BLASON_OPERATOR_NAME": settings.BLASON_OPERATOR_NAME,
        "BLASON_OPERATOR_EMAIL": settings.BLASON_OPERATOR_EMAIL,
    }
