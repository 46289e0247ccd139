from django.contrib.auth import views as auth_views
from django.urls import path

from helhet.agreements import urls as agreements_urls
from helhet.audit import views as audit_views
from helhet.consent import views as consent_views
from helhet.meetings import urls as meetings_urls
from helhet.networks import urls as networks_urls
from helhet.notifications import urls as notifications_urls
from helhet.observatory import urls as observatory_urls
from helhet.people import views as people_views
from helhet.plans import urls as plans_urls
from helhet.portal import staff_views as portal_staff_views
from helhet.qualitative import urls as qualitative_urls
from helhet.referrals import urls as referrals_urls
from helhet.registry import urls as registry_urls
from helhet.relations import urls as relations_urls
from helhet.surveys import urls as surveys_urls
from helhet.synthesis import urls as synthesis_urls
from helhet.tenancy import views as tenancy_views
from helhet.transitions import urls as transitions_urls
from helhet.volunteering import urls as volunteering_urls
from helhet.web import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("membership/", views.membership_switch, name="membership_switch"),
    path("account/", views.account, name="account"),
    path("organisations/", tenancy_views.organisation_list, name="organisation_list"),
    path(
        "organisations/<int:organisation_id>/",
        tenancy_views.organisation_detail,
        name="organisation_detail",
    ),
    path("people/", people_views.person_list, name="person_list"),
    path("people/new/", people_views.person_register, name="person_register"),
    path("people/<int:person_id>/", people_views.person_detail, name="person_detail"),
    path("people/<int:person_id>/consents/", consent_views.person_consents, name="person_consents"),
    path(
        "people/<int:person_id>/access-log/",
        consent_views.person_access_log,
        name="person_access_log",
    ),
    path(
        "people/<int:person_id>/access-report.csv",
        consent_views.person_access_report,
        name="person_access_report",
    ),
    path(
        "consents/<int:consent_id>/withdraw/",
        consent_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "consents/<int:consent_id>/letter.pdf",
        consent_views.consent_letter,
        name="consent_letter",
    ),
    path(
        "consent-forms/<int:document_id>/",
        consent_views.consent_document,
        name="consent_document",
    ),
    path("consents/witness/", consent_views.consent_witness_list, name="consent_witness_list"),
    path(
        "consents/<int:consent_id>/witness/",
        consent_views.consent_witness,
        name="consent_witness",
    ),
    path("families/", people_views.family_list, name="family_list"),
    path("families/<int:family_id>/", people_views.family_detail, name="family_detail"),
    path("access-log/", audit_views.access_log, name="access_log"),
    # Log review (Normen's "kontroll av logg"): the privacy officer's queue.
    path("log-review/", audit_views.review_queue, name="review_queue"),
    path("log-review/<int:flag_id>/", audit_views.review_flag_detail, name="review_flag"),
    path(
        "log-review/<int:flag_id>/person/",
        audit_views.review_flag_person,
        name="review_flag_person",
    ),
]
# Each app keeps its own routes; they share the `web` namespace so templates say web:<name>.
urlpatterns += [
    *plans_urls.urlpatterns,
    *meetings_urls.urlpatterns,
    *referrals_urls.urlpatterns,
    *transitions_urls.urlpatterns,
    *notifications_urls.urlpatterns,
    *networks_urls.urlpatterns,
    *agreements_urls.urlpatterns,
    *volunteering_urls.urlpatterns,
    *observatory_urls.urlpatterns,
    *surveys_urls.urlpatterns,
    *relations_urls.urlpatterns,
    *registry_urls.urlpatterns,
    *qualitative_urls.urlpatterns,
    *synthesis_urls.urlpatterns,
    *portal_staff_views.urlpatterns,
]
