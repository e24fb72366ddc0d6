"""Service navigation: each app registers its entries; people see the ones their roles allow."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda entry: entry.order)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current = request.path
    entries = [{"label": item.label, "url": reverse(item.url_name), "active": False} for item in _ITEMS
               if not item.permission or user.has_perm(item.permission)]
    # The entry whose address is the longest prefix of this page is the active one (/practice/team/ is
    # "Team practice", not also "My STAR" at /practice/).
    matches = [entry for entry in entries
               if (current == entry["url"] if entry["url"] == "/" else current.startswith(entry["url"]))]
    if matches:
        max(matches, key=lambda entry: len(entry["url"]))["active"] = True
    return entries


register(NavItem("Home", "core:home", order=0))
register(NavItem("Overview", "core:overview", permission="core.view_organisation_overview", order=70))
register(NavItem("People", "core:people", permission="core.view_people", order=80))
register(NavItem("Accounts", "core:users", permission="core.manage_users", order=85))
register(NavItem("Audit trail", "core:audit_log", permission="core.view_audit_log", order=90))
