from django.urls import path

from blason.badges import views

app_name = "badges"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<uuid:public_id>/", views.badge_detail, name="detail"),
    path("<uuid:public_id>/v/<int:number>", views.version_detail, name="version_detail"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<uuid:public_id>/", views.programme_detail, name="programme_detail"),
    path("programmes/<uuid:public_id>/proposer/", views.proposal_create, name="proposal_create"),
    path("gestion/<uuid:public_id>/", views.manage_list, name="manage_list"),
    path("gestion/<uuid:public_id>/nouveau/", views.badge_create, name="create"),
    path("gestion/<uuid:public_id>/programmes/nouveau/", views.programme_create, name="programme_create"),
    path("gestion/badge/<uuid:public_id>/", views.badge_manage, name="manage"),
    path("gestion/badge/<uuid:public_id>/modifier/", views.badge_edit, name="edit"),
    path("gestion/badge/<uuid:public_id>/publier/", views.badge_publish, name="publish"),
    path("gestion/badge/<uuid:public_id>/archiver/", views.badge_archive, name="archive"),
    path("gestion/programme/<uuid:public_id>/modifier/", views.programme_edit, name="programme_edit"),
    path("gestion/proposition/<uuid:public_id>/", views.proposal_review, name="proposal_review"),
]
