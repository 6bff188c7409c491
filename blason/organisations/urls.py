from django.urls import path

from blason.organisations import views

app_name = "organisations"

urlpatterns = [
    path("<uuid:public_id>/", views.organisation_detail, name="detail"),
    path("<uuid:public_id>/modifier/", views.organisation_edit, name="edit"),
    path("<uuid:public_id>/apprentis/", views.learner_list, name="learners"),
    path("apprentis/<uuid:public_id>/", views.learner_detail, name="learner_detail"),
]
