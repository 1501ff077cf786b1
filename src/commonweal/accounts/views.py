from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from commonweal.accounts import services
from commonweal.accounts.forms import (
    EraseForm,
    InvitationAcceptForm,
    InvitationForm,
    SignInForm,
    SignUpForm,
)
from commonweal.accounts.models import Invitation
from commonweal.core.downloads import json_download
from commonweal.core.panels import ACTIVITY_SECTIONS, panels_render
from commonweal.core.permissions import access_required


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        email = request.POST.get("username", "")
        if email and services.signin_blocked(email=email):
            return render(request, "accounts/signin_blocked.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        email = self.request.POST.get("username", "")
        if email:
            services.signin_failure_record(email=email)
        return super().form_invalid(form)


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("site:home")
    if settings.SIGNUP_MODE != "open":
        return render(request, "accounts/signup_closed.html", status=403)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect("accounts:me")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    if request.user.is_authenticated:
        return redirect("site:home")
    invitation = services.invitation_access(token=token)
    form = InvitationAcceptForm(request.POST or None, invited_email=invitation.email)
    if request.method == "POST" and form.is_valid():
        fields = {key: form.cleaned_data[key] for key in ("password", "display_name", "language")}
        try:
            user = services.invitation_accept(token=token, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("accounts:me")
    return render(request, "accounts/signup.html", {"form": form, "invitation": invitation})


@access_required("accounts.send_invitation")
@require_http_methods(["GET", "POST"])
def invitations(request):
    form = InvitationForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        invitation, token = services.invitation_create(
            email=form.cleaned_data["email"], invited_by=request.user
        )
        link = request.build_absolute_uri(reverse("accounts:invitation", kwargs={"token": token}))
        messages.success(
            request, _("Invitation created for %(email)s.") % {"email": invitation.email}
        )
        form = InvitationForm()
    pending = Invitation.objects.usable().select_related("invited_by")[:200]
    return render(
        request, "accounts/invitations.html", {"form": form, "link": link, "pending": pending}
    )


@login_required
def me(request):
    return render(request, "accounts/me.html", {"person": request.user.person})


@never_cache  # it shows the person's own receipts, as the ballot page does
@login_required
def activity(request):
    """What the signed-in person did on the platform and what became of it, in one place:
    each app registers its part for the ``activity.sections`` slot."""
    return render(
        request,
        "accounts/activity.html",
        {"sections": panels_render(ACTIVITY_SECTIONS, request, request.user)},
    )


@login_required
def me_export(request):
    return json_download(
        services.personal_data_export(user=request.user),
        filename="commonweal-personal-data.json",
        indent=2,
    )


@login_required
@require_http_methods(["GET", "POST"])
def me_erase(request):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_erase(user=request.user)
        logout(request)
        messages.info(request, _("Your account has been erased."))
        return redirect("site:home")
    return render(request, "accounts/erase.html", {"form": form})
