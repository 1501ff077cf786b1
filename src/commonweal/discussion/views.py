"""Discussion pages: an item's thread, posting, the author's edit and delete, hiding,
appeals and the ombudsman's decisions.

Threads on a recommendation and on a whole priority list show on those apps' pages
(``panels.py``); every form here posts back to this app. Each action that cannot be
undone or that others see is a page that names its effect, whose form posts: it works
without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.core.permissions import access_required
from commonweal.core.roles import is_ombudsman
from commonweal.discussion import policy, selectors, services
from commonweal.discussion.forms import AppealForm, CommentForm, DecisionForm, EditForm, HideForm
from commonweal.discussion.models import Appeal, Comment
from commonweal.discussion.rules import is_comment_author
from commonweal.discussion.services import DiscussionError
from commonweal.discussion.targets import target_access, target_label, target_url


def _site_url(request) -> str:
    """The address links in emails start with, as the person acting reached the site."""
    return request.build_absolute_uri("/").rstrip("/")


def _comment(request, pk: int, **_kwargs) -> Comment:
    comment = selectors.comment_access(pk)
    if comment is None:
        raise Http404
    return comment


def _authored(request, pk: int) -> Comment:
    """The comment, for its author only: superusers pass every permission, but nobody
    changes or appeals for another person's words."""
    comment = _comment(request, pk)
    if not is_comment_author(request.user, comment):
        raise PermissionDenied
    return comment


def _ombudsman_only(request) -> None:
    """Appeals go to the ombudsman alone, not to administrators: the point of an appeal is
    someone independent of those who run and moderate the platform."""
    if not is_ombudsman(request.user):
        raise PermissionDenied


def comment_place(comment: Comment) -> str:
    """Where a comment is read: its thread's page, at the comment."""
    return f"{target_url(comment.target)}#comment-{comment.pk}"


def _about(comment: Comment) -> dict:
    return {
        "comment": comment,
        "about": target_label(comment.target),
        "back": comment_place(comment),
    }


def item(request, pk: int):
    """The thread on one item of a priority list."""
    round_item = target_access("item", pk)
    return render(
        request,
        "discussion/item.html",
        {
            "item": round_item,
            "thread": selectors.thread(round_item, request.user),
            "comment_form": CommentForm(),
        },
    )


def comment(request, pk: int):
    """A lasting link to a comment (emails and the activity page use it)."""
    return redirect(comment_place(_comment(request, pk)))


def _parent(form: CommentForm) -> Comment | None:
    pk = form.cleaned_data.get("parent")
    if not pk:
        return None
    parent = Comment.objects.filter(pk=pk).first()
    if parent is None:
        raise DiscussionError(_("The comment you replied to is no longer there."))
    return parent


@access_required("discussion.comment")
@require_POST
def comment_post(request, kind: str, pk: int):
    target = target_access(kind, pk)
    form = CommentForm(request.POST)
    problem = ""
    if form.is_valid():
        try:
            posted = services.comment_post(
                target=target,
                author=request.user,
                text=form.cleaned_data["text"],
                parent=_parent(form),
            )
        except DiscussionError as error:
            problem = str(error)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(comment_place(posted))
    context = {"form": form, "problem": problem, "about": target_label(target)}
    context.update(back=target_url(target), action=request.path)
    return render(request, "discussion/comment_form.html", context, status=400)


def _refused(request, comment: Comment, reason: str):
    messages.error(request, reason)
    return redirect(comment_place(comment))


@access_required("discussion.change_own_comment", fn=_authored)
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk: int):
    comment = _authored(request, pk)
    if reason := policy.why_not_change(comment, request.user):
        return _refused(request, comment, reason)
    form = EditForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, by=request.user, text=form.cleaned_data["text"])
        except DiscussionError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Your comment is changed."))
            return redirect(comment_place(comment))
    context = {**_about(comment), "form": form, "until": policy.editable_until(comment)}
    return render(
        request, "discussion/comment_edit.html", context, status=400 if form.errors else 200
    )


@access_required("discussion.change_own_comment", fn=_authored)
@require_http_methods(["GET", "POST"])
def comment_delete(request, pk: int):
    comment = _authored(request, pk)
    if reason := policy.why_not_change(comment, request.user):
        return _refused(request, comment, reason)
    if request.method == "POST":
        back = target_url(comment.target)
        try:
            kept = services.comment_delete(comment=comment, by=request.user)
        except DiscussionError as error:
            return _refused(request, comment, str(error))
        messages.success(request, _("Your comment is deleted."))
        return redirect(comment_place(comment) if kept else back)
    context = {**_about(comment), "has_replies": comment.replies.exists()}
    return render(request, "discussion/comment_delete.html", context)


@access_required("discussion.moderate", fn=_comment)
@require_http_methods(["GET", "POST"])
def comment_hide(request, pk: int):
    comment = _comment(request, pk)
    if reason := policy.why_not_hide(comment):
        return _refused(request, comment, reason)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_hide(
                comment=comment,
                by=request.user,
                reason=form.cleaned_data["reason"],
                site_url=_site_url(request),
            )
        except DiscussionError as error:
            return _refused(request, comment, str(error))
        messages.success(request, _("The comment is hidden; its author is told why."))
        return redirect(comment_place(comment))
    context = {**_about(comment), "form": form}
    return render(
        request, "discussion/comment_hide.html", context, status=400 if form.errors else 200
    )


@access_required("discussion.appeal", fn=_authored)
@require_http_methods(["GET", "POST"])
def appeal(request, pk: int):
    comment = _authored(request, pk)
    if reason := policy.why_not_appeal(comment, request.user):
        return _refused(request, comment, reason)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_file(
                comment=comment,
                by=request.user,
                note=form.cleaned_data["note"],
                site_url=_site_url(request),
            )
        except DiscussionError as error:
            return _refused(request, comment, str(error))
        messages.success(
            request, _("Your appeal is with the ombudsman; you will be told the decision.")
        )
        return redirect(comment_place(comment))
    context = {**_about(comment), "form": form, "moderation": comment.moderation}
    return render(request, "discussion/appeal.html", context, status=400 if form.errors else 200)


@access_required("discussion.decide_appeal")
def appeals(request):
    """The ombudsman's queue: appeals waiting, oldest first, and the latest decisions."""
    _ombudsman_only(request)
    waiting = list(selectors.appeals_waiting())
    for waiting_appeal in waiting:
        waiting_appeal.about = target_label(waiting_appeal.moderation.comment.target)
    return render(
        request,
        "discussion/appeals.html",
        {"waiting": waiting, "decided": selectors.appeals_decided()},
    )


def _appeal_access(pk: int) -> Appeal:
    return get_object_or_404(
        Appeal.objects.select_related(
            "moderation__comment__author__person", "moderation__hidden_by"
        ),
        pk=pk,
    )


@access_required("discussion.decide_appeal")
@require_http_methods(["GET", "POST"])
def appeal_decide(request, pk: int, restore: bool):
    _ombudsman_only(request)
    decided = _appeal_access(pk)
    if reason := policy.why_not_decide(decided, request.user):
        messages.error(request, reason)
        return redirect("discussion:appeals")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_decide(
                appeal=decided,
                by=request.user,
                restore=restore,
                reason=form.cleaned_data["reason"],
                site_url=_site_url(request),
            )
        except DiscussionError as error:
            messages.error(request, str(error))
        else:
            done = _("The comment is restored.") if restore else _("The hiding is upheld.")
            messages.success(request, done + " " + _("Its author is told."))
        return redirect("discussion:appeals")
    context = {**_about(decided.moderation.comment), "appeal": decided, "restore": restore}
    context["form"] = form
    return render(
        request, "discussion/appeal_decide.html", context, status=400 if form.errors else 200
    )
