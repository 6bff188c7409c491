from django.urls import path

from blason.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.applicant_dashboard, name="applicant_dashboard"),
    path("nouvelle/<uuid:badge_public_id>/", views.open_application, name="open"),
    path("expertises/", views.reviewer_queue, name="reviewer_queue"),
    path("pieces/<uuid:public_id>/", views.evidence_file, name="evidence_file"),
    path("pieces/<uuid:public_id>/retirer/", views.remove_evidence, name="remove_evidence"),
    path("emetteurs/<uuid:public_id>/", views.coordinator_board, name="coordinator_board"),
    path("emetteurs/<uuid:public_id>/commissions/", views.create_commission, name="create_commission"),
    path("emetteurs/<uuid:public_id>/seances/", views.create_session, name="create_session"),
    path("seances/<uuid:public_id>/proces-verbal.pdf", views.session_minutes, name="session_minutes"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/modifier/", views.edit, name="edit"),
    path("<uuid:public_id>/pieces/", views.add_evidence, name="add_evidence"),
    path("<uuid:public_id>/deposer/", views.submit, name="submit"),
    path("<uuid:public_id>/retirer/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/expertise/", views.review, name="review"),
    path("<uuid:public_id>/conflit/", views.declare_conflict, name="declare_conflict"),
    path("<uuid:public_id>/avis-formateur/", views.trainer_review, name="trainer_review"),
    path("<uuid:public_id>/instruction/", views.instruct, name="instruct"),
    path("<uuid:public_id>/experts/", views.assign_reviewers, name="assign_reviewers"),
    path("<uuid:public_id>/decision/", views.decide, name="decide"),
]
