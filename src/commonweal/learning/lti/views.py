"""The three addresses a platform calls: the login it starts, the launch its browser
posts back, and the tool's public keys.

The login and the launch come from another site, so they are exempt from CSRF: what
stands in for it is pylti1p3's checks of the launch — the state cookie set at login, the
nonce (used once), the platform's signature, the expiry, the audience (our client id)
and the deployment.
"""

from __future__ import annotations

import logging

from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from commonweal.learning.lti.config import DatabaseToolConf, platform_find
from commonweal.learning.lti.keys import tool_jwks
from commonweal.learning.lti.services import launch_course, lti_account_link
from commonweal.learning.lti.storage import LOGIN_LIFETIME, LaunchStorage

logger = logging.getLogger(__name__)

PRESENTATION_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
_FRAMES = {"iframe", "frame"}


class ToolMessageLaunch(DjangoMessageLaunch):
    """pylti1p3's launch, with the nonce used up once the launch is valid: pylti1p3 only
    checks that the nonce was issued, so the same token posted twice would pass."""

    def validate(self):
        super().validate()
        session = self.get_session_service()
        nonce = self._jwt["body"].get("nonce", "")
        if not session.data_storage.consume(session._get_key("nonce", nonce)):
            self._validated = False
            raise LtiException("Nonce already used")
        return self


def _problem(request: HttpRequest, message: str, detail: str = "", status: int = 400):
    return render(
        request, "learning/lti/problem.html", {"message": message, "detail": detail}, status=status
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Step one: the platform names itself; we remember a state and a nonce and send the
    browser back to the platform to authenticate."""
    oidc = DjangoOIDCLogin(request, DatabaseToolConf())
    launch_url = request.build_absolute_uri(reverse("learning:lti_launch"))
    try:
        oidc.set_launch_data_storage(LaunchStorage()).set_launch_data_lifetime(LOGIN_LIFETIME)
        return oidc.redirect(launch_url)
    except (OIDCException, LtiException) as error:
        logger.info("LTI login refused: %s", error)
        return _problem(
            request,
            _("This learning system is not registered here, or it did not say who it is."),
            str(error),
        )


def _framed(request: HttpRequest, claims: dict) -> bool:
    presentation = claims.get(PRESENTATION_CLAIM) or {}
    target = presentation.get("document_target") if isinstance(presentation, dict) else None
    return request.headers.get("Sec-Fetch-Dest") in _FRAMES or target in _FRAMES


def _framed_page(request: HttpRequest, course, platform) -> HttpResponse:
    """The launch page shown inside the platform's frame: only that platform may frame
    it; every other page of the site keeps refusing frames."""
    title, title_language = course.title_in(get_language())
    context = {"course": course, "title": title, "title_language": title_language}
    response = render(request, "learning/lti/launched.html", context)
    response.xframe_options_exempt = True
    origin = platform.frame_origin
    response["Content-Security-Policy"] = (
        f"frame-ancestors {origin}" if origin else ("frame-ancestors 'none'")
    )
    return response


@csrf_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """Step two: the platform's signed id_token; a valid resource link launch signs the
    learner in to their linked account and opens the course."""
    message = ToolMessageLaunch(request, DatabaseToolConf())
    try:
        message.set_launch_data_storage(LaunchStorage()).set_launch_data_lifetime(LOGIN_LIFETIME)
        claims = message.get_launch_data()
        resource = message.is_resource_launch()
    except (LtiException, OIDCException) as error:
        logger.info("LTI launch refused: %s", error)
        return _problem(
            request,
            _(
                "This launch could not be accepted: it may have expired, been used already or "
                "not come from a registered learning system. Open the course again from your "
                "learning system."
            ),
            str(error),
        )
    if not resource:
        return _problem(request, _("Only links to a course can be opened here."))
    platform = platform_find(claims["iss"], message.get_client_id())
    subject = str(claims.get("sub") or "")
    if platform is None or not subject:
        return _problem(request, _("The learning system did not say who you are."))
    course = launch_course(claims)
    if course is None:
        return _problem(request, _("The course this link names does not exist here."), status=404)
    user = lti_account_link(platform=platform, subject=subject, claims=claims)
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if _framed(request, claims):
        return _framed_page(request, course, platform)
    return redirect(course.get_absolute_url())


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    """The tool's public keys, for platforms to check what the tool signs."""
    return JsonResponse(tool_jwks())
