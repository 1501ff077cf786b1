"""Shows a person, on their next page, what was decided about their membership requests."""

from __future__ import annotations

from commonweal.community.notices import decision_notices_deliver


class DecisionNoticeMiddleware:
    """Goes after the authentication and message middleware in ``MIDDLEWARE``.

    One query per page a signed-in person opens (GET only: a form post redirects to
    a page, which tells). A message added on a request that shows none, such as a
    download, waits in the message store for the next page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and user is not None
            and user.is_authenticated
            and getattr(user, "person_id", None) is not None
        ):
            decision_notices_deliver(request)
        return self.get_response(request)
