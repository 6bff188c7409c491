from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from django.views.static import serve

# The admin signs in through allauth, so its second factor and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = settings.BLASON_SITE_NAME

urlpatterns = [
    path("admin/", admin.site.urls),
    path("compte/", include("allauth.urls")),
    # Anyone, signed in or not, may choose the language (LoginRequiredMiddleware would refuse it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("organisations/", include("blason.organisations.urls", namespace="organisations")),
    path("badges/", include("blason.badges.urls", namespace="badges")),
    path("demandes/", include("blason.applications.urls", namespace="applications")),
    path("", include("blason.credentials.urls", namespace="credentials")),
    path("", include("blason.core.urls", namespace="core")),
]
if settings.DEBUG:
    # Public media (badge images, logos) are public: the development server must not ask for a login.
    urlpatterns += static(settings.MEDIA_URL, view=login_not_required(serve), document_root=settings.MEDIA_ROOT)
