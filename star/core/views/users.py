from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from .. import selectors, services
from ..decorators import permission_required
from ..forms import PeopleSearchForm, UserInviteForm, UserRolesForm


@permission_required("core.manage_users")
def user_list(request):
    form = PeopleSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.users_of_organisation(request.user, search=search), 50).get_page(request.GET.get("page"))
    return render(request, "core/users.html", {"form": form, "page": page})


@permission_required("core.manage_users")
def user_invite(request):
    form = UserInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_invite(actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, f"Account created for {user.get_full_name()}. We have emailed them a link to "
                                  "choose a password.")
        return redirect("core:users")
    return render(request, "core/user_invite.html", {"form": form})


@permission_required("core.manage_users")
def user_edit(request, pk):
    person = selectors.user_in_organisation(request.user, pk)
    initial = {"roles": sorted(person.role_names), "is_active": person.is_active}
    form = UserRolesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=person, roles=form.cleaned_data["roles"],
                                 is_active=form.cleaned_data["is_active"])
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Account updated for {person.get_full_name() or person.username}.")
            return redirect("core:users")
    return render(request, "core/user_edit.html", {"form": form, "person": person})
