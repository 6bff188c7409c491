from django.urls import path

from blason.credentials import views

app_name = "credentials"

urlpatterns = [
    path("issuers/<slug:slug>/did.json", views.did_document, name="did_document"),
    path("issuers/<slug:slug>/status/<str:purpose>", views.status_list, name="status_list"),
    path("badges-emis/<uuid:public_id>/", views.credential_detail, name="detail"),
    path("badges-emis/<uuid:public_id>/badge.json", views.credential_json, name="json"),
    path("badges-emis/<uuid:public_id>/badge.png", views.credential_png, name="png"),
    path("badges-emis/<uuid:public_id>/badge.svg", views.credential_svg, name="svg"),
    path("badges-emis/<uuid:public_id>/badge-ob2.png", views.ob2_png, name="ob2_png"),
    path("badges-emis/<uuid:public_id>/revoquer/", views.revoke, name="revoke"),
    path("badges-emis/<uuid:public_id>/suspendre/", views.suspend, name="suspend"),
    path("badges-emis/<uuid:public_id>/retablir/", views.reinstate, name="reinstate"),
    path("badges-emis/images/<uuid:public_id>.png", views.badge_image, name="badge_image"),
    path("ob2/assertions/<uuid:public_id>.json", views.ob2_assertion, name="ob2_assertion"),
    path("ob2/badges/<uuid:public_id>.json", views.ob2_badge_class, name="ob2_badge_class"),
    path("ob2/issuers/<slug:slug>.json", views.ob2_issuer, name="ob2_issuer"),
    path("emetteurs/<uuid:public_id>/badges-emis/", views.issued_list, name="issued_list"),
    path("emetteurs/<uuid:public_id>/attribuer/", views.award, name="award"),
    path("verifier/", views.verify, name="verify"),
    path("mes-badges/", views.held_by_me, name="held_by_me"),
    path("organisations/<uuid:public_id>/badges-obtenus/", views.held_by_organisation, name="held_by_organisation"),
    path("api/v1/verify", views.api_verify, name="api_verify"),
]
