from django.urls import path

from blason.organisations import views

app_name = "organisations"

urlpatterns = [
    path("<uuid:public_id>/", views.organisation_detail, name="detail"),
    path("<uuid:public_id>/modifier/", views.organisation_edit, name="edit"),
    path("<uuid:public_id>/membres/", views.member_list, name="members"),
    path("<uuid:public_id>/membres/<uuid:membership_id>/modifier/", views.member_edit, name="member_edit"),
    path("<uuid:public_id>/membres/<uuid:membership_id>/retirer/", views.member_remove, name="member_remove"),
    path("<uuid:public_id>/apprentis/", views.learner_list, name="learners"),
    path("<uuid:public_id>/apprentis/ajouter/", views.learner_create, name="learner_create"),
    path("<uuid:public_id>/promotions/", views.cohort_list, name="cohorts"),
    path("apprentis/<uuid:public_id>/", views.learner_detail, name="learner_detail"),
    path("apprentis/<uuid:public_id>/modifier/", views.learner_edit, name="learner_edit"),
    path("apprentis/<uuid:public_id>/inviter/", views.learner_invite, name="learner_invite"),
    path("promotions/<uuid:public_id>/modifier/", views.cohort_edit, name="cohort_edit"),
]
