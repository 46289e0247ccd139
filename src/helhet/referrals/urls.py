"""Web routes of the referrals app; included into the `web` namespace."""

from django.urls import path

from helhet.referrals import views

urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/<slug:step>/", views.referral_step, name="referral_step"),
    path("people/<int:person_id>/refer/", views.referral_send, name="referral_send"),
]
