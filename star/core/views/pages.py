from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..decorators import permission_required
from ..forms import ApiTokenForm, AuditFilterForm, PeopleSearchForm, SitePageForm
from ..models import SitePage
from ..roles import primary_role
from ..text import render_page_text


@login_required
def home(request):
    role = primary_role(request.user)
    template = "core/home.html"
    return render(request, template, {"role": role})


@permission_required("core.view_organisation_overview")
def organisation_overview(request):
    return render(request, "core/overview.html", {"headcount": selectors.headcount_by_tier(request.user)})


@permission_required("core.view_people")
def people(request):
    form = PeopleSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.people_visible_to(request.user, search=search), 50).get_page(request.GET.get("page"))
    return render(request, "core/people.html", {"form": form, "page": page})


@login_required
def staff_profile(request, pk):
    profile = selectors.staff_profile_for(request.user, pk)
    return render(request, "core/staff_profile.html", {"profile": profile})


@permission_required("core.view_audit_log")
def audit_log(request):
    form = AuditFilterForm(request.GET or None, model_choices=selectors.audited_model_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(request.user, **{k: v for k, v in filters.items() if v not in ("", None)})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def api_tokens(request):
    new_secret = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _, new_secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
            form = ApiTokenForm()
    else:
        form = ApiTokenForm()
    return render(request, "core/api_tokens.html", {
        "form": form, "tokens": selectors.api_tokens_of(request.user), "new_secret": new_secret,
    })


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = services.api_token_revoke(user=request.user, token_id=pk)
    messages.success(request, f"Token ‘{token.name}’ has been revoked.")
    return redirect("core:api_tokens")


def _site_page_kind(kind):
    if kind not in SitePage.Kind.values:
        raise Http404
    return SitePage.Kind(kind)


def site_page(request, kind):
    kind = _site_page_kind(kind)
    organisation = getattr(request.user, "organisation", None)
    page = selectors.site_page_body(kind=kind.value, organisation=organisation)
    return render(request, "core/site_page.html", {
        "kind": kind,
        "custom_blocks": render_page_text(page.body) if page else None,
        "updated_at": page.updated_at if page else None,
        "can_edit": request.user.has_perm("core.edit_site_pages"),
    })


@permission_required("core.edit_site_pages")
def site_page_edit(request, kind):
    kind = _site_page_kind(kind)
    current = selectors.site_page_body(kind=kind.value, organisation=request.user.organisation)
    if request.method == "POST":
        form = SitePageForm(request.POST)
        if form.is_valid():
            services.site_page_update(user=request.user, kind=kind.value, body=form.cleaned_data["body"])
            messages.success(request, f"The {kind.label.lower()} has been updated.")
            return redirect("core:site_page", kind=kind.value)
    else:
        form = SitePageForm(initial={"body": current.body if current else ""})
    return render(request, "core/site_page_edit.html", {"form": form, "kind": kind})


@login_required
def notifications(request):
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        messages.success(request, "All notifications are marked as read")
        return redirect("core:notifications")
    page = Paginator(selectors.notifications_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})
