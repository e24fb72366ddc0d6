"""Communities of practice: who sees a community, partner members (who see only the community), adding
members from partner organisations only, meetings, links."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from star.core.models import Notification
from star.learning.models import CommunityMembership, Resource
from star.learning.selectors import communities as selectors
from star.learning.services import communities as services

from .test_communities_world import build_world

pytestmark = pytest.mark.django_db
SUMMIT = date(2026, 6, 18)


@pytest.fixture
def world(db, organisation, make_user, settings, tmp_path):
    return build_world(organisation, make_user, settings, tmp_path)


def url(community, rest=""):
    return f"/learning/communities/{community.pk}/{rest}"


# --- who sees a community --------------------------------------------------------------------------------

def test_members_of_every_organisation_see_the_community_page(client, world):
    services.community_meeting_add(community=world.community, user=world.lead, title="Adultification: case study",
                                   starts_at="2026-12-03T10:00:00Z", ends_at="2026-12-03T11:30:00Z")
    for person in (world.member, world.partner_member, world.lead):
        client.force_login(person)
        page = client.get(url(world.community))
        assert page.status_code == 200, person
        text = page.content.decode()
        assert "Adultification: case study" in text and "Priya Shah" in text and "Mo Hassan" in text
        assert "Eastmoor Council" in text


def test_non_members_see_nothing_404_for_other_organisations_403_for_the_host(client, world):
    client.force_login(world.colleague)  # same organisation, not a member, not a learning lead
    assert client.get(url(world.community)).status_code == 403
    assert client.get(url(world.community, "meetings.ics")).status_code == 403
    client.force_login(world.partner_other)  # a partner organisation, but not a member
    assert client.get(url(world.community)).status_code == 404
    client.force_login(world.stranger)  # a learning lead elsewhere
    assert client.get(url(world.community)).status_code == 404
    assert client.get(url(world.community, "resources/new/")).status_code == 404
    client.force_login(world.lead)
    assert client.get("/learning/communities/999999/").status_code == 404


def test_host_learning_leads_see_it_without_being_members(client, world, make_user):
    other_lead = make_user("learning_lead", username="lead2")
    client.force_login(other_lead)
    page = client.get(url(world.community))
    assert page.status_code == 200 and "Not a member" in page.content.decode()
    assert world.community in selectors.communities_of(other_lead)


def test_the_community_list_shows_my_communities_whoever_hosts_them(client, world):
    client.force_login(world.partner_member)
    page = client.get("/learning/communities/").content.decode()
    assert "Anti-racist practice leads network" in page and "Northbridge Council" in page
    assert [item.name for item in selectors.communities_of(world.colleague)] == []
    mine = selectors.communities_of(world.member).get()
    assert mine.member_count == 3  # the lead (first coordinator), the member and the partner member


def test_a_partner_member_sees_only_the_community_nothing_else_of_the_host(client, world):
    from star.learning.models import CommittedAction, Event

    event = services.event_create(user=world.lead, name="Northbridge Anti-Racism Summit 2026",
                                  starts_on=SUMMIT, ends_on=SUMMIT)
    action = services.action_commit(user=world.lead, description="Review the host's supervision policy",
                                    owner=world.member, due_on=date(2026, 9, 1), event=event)
    partner = world.partner_member
    assert not partner.has_perm("learning.view_community", None)
    assert list(Event.objects.for_user(partner)) == []
    assert list(CommittedAction.objects.for_user(partner)) == []
    assert list(selectors.action_log(partner)) == []
    client.force_login(partner)
    assert client.get(f"/learning/events/{event.pk}/").status_code == 404
    assert client.get(f"/learning/actions/{action.pk}/").status_code == 404
    assert "Review the host" not in client.get("/learning/actions/").content.decode()
    assert "Northbridge Anti-Racism Summit" not in client.get("/learning/events/").content.decode()
    assert client.get(f"/learning/events/{event.pk}/attendees/").status_code == 403
    assert client.get(url(world.community, "edit/")).status_code == 403
    # and cannot run the community either: adding members or meetings is for coordinators
    assert client.post(url(world.community, "members/"), {"email": world.partner_other.email}).status_code == 403
    assert client.get(url(world.community, "meetings/new/")).status_code == 403


def test_a_partner_member_reaches_no_other_learning_page_of_the_host(client, world):
    """Every learning page, with the ids of the host's records, shows the partner member nothing of the host
    beyond the community (catalogue, records, sets, events, actions)."""
    import re

    from django.urls import URLPattern, URLResolver, get_resolver

    from star.learning import models

    host_secret = "Host-only-9f3c"
    ids = set()
    event = services.event_create(user=world.lead, name=f"{host_secret} event", starts_on=SUMMIT,
                                  ends_on=SUMMIT)
    ids.add(event.pk)
    ids.add(services.action_commit(user=world.lead, description=f"{host_secret} action", owner=world.member,
                                   due_on=date(2026, 9, 1), event=event).pk)
    other = services.community_create(user=world.lead, name=f"{host_secret} community", purpose="Private")
    ids.add(other.pk)
    activity = models.Activity.objects.create(organisation=world.host, title=f"{host_secret} activity",
                                              kind="training")
    ids.add(activity.pk)
    ids.add(models.LearningRecord.objects.create(organisation=world.host, user=world.member,
                                                 title=f"{host_secret} record", kind="training",
                                                 completed_on=date(2026, 5, 1)).pk)
    learning_set = models.LearningSet.objects.create(organisation=world.host, name=f"{host_secret} set",
                                                     theme="Private", cadence_weeks=6, committed_meetings=6,
                                                     starts_on=date(2026, 1, 5), facilitator=world.member)
    ids.add(learning_set.pk)
    starts = timezone.make_aware(datetime(2026, 12, 10, 10, 0))
    ids.add(models.Session.objects.create(activity=activity, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                          location=f"{host_secret} room").pk)
    ids.add(models.SetMeeting.objects.create(learning_set=learning_set, number=1, held_on=date(2026, 2, 16),
                                             notes=f"{host_secret} notes").number)

    def routes(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "learning":
                yield prefix + str(pattern.pattern)

    client.force_login(world.partner_member)
    client.raise_request_exception = False  # a page that fails shows nothing either
    checked = 0
    for route in sorted(set(routes(get_resolver().url_patterns))):
        names = re.findall(r"<int:(\w+)>", route)
        fills = [{}] if not names else [{name: pk for name in names} for pk in sorted(ids)]
        for fill in fills:
            address = "/" + re.sub(r"<int:(\w+)>", lambda m, f=fill: str(f[m[1]]), route)
            address = re.sub(r"<(?:str|slug):\w+>", "csv", address)
            response = client.get(address)
            checked += 1
            body = response.content.decode(errors="ignore") if not getattr(response, "streaming", False) else ""
            assert host_secret not in body, (address, response.status_code)
    assert checked > 20


# --- members ----------------------------------------------------------------------------------------------

def test_members_come_from_the_host_or_a_partner_organisation(world):
    added = services.community_member_add(community=world.community, user=world.lead,
                                          email="TOM.NOWAK@eastmoor.example")
    assert added.user == world.partner_other
    with pytest.raises(ValidationError, match="Westvale Council, which is not a partner"):
        services.community_member_add(community=world.community, user=world.lead, email=world.stranger.email)
    with pytest.raises(ValidationError, match="No one has a STAR account"):
        services.community_member_add(community=world.community, user=world.lead, email="nobody@example.test")
    with pytest.raises(ValidationError, match="already a member"):
        services.community_member_add(community=world.community, user=world.lead, email=world.member.email)
    with pytest.raises(PermissionDenied):  # a member who does not coordinate
        services.community_member_add(community=world.community, user=world.member, email=world.colleague.email)


def test_adding_a_member_of_a_non_partner_organisation_is_refused_on_the_page(client, world):
    client.force_login(world.lead)
    response = client.post(url(world.community, "members/"), {"email": world.stranger.email})
    assert response.status_code == 400
    text = response.content.decode()
    assert "not a partner of this community" in text and world.stranger.email in text  # input kept
    assert not CommunityMembership.objects.filter(user=world.stranger).exists()


def test_the_new_member_is_told_and_coordinators_can_manage_members(client, world):
    client.force_login(world.lead)
    response = client.post(url(world.community, "members/"), {"email": world.colleague.email,
                                                              "is_coordinator": "on"})
    assert response.status_code == 302
    membership = CommunityMembership.objects.get(community=world.community, user=world.colleague)
    assert membership.is_coordinator
    assert Notification.objects.filter(user=world.colleague, url=url(world.community)).exists()
    client.force_login(world.colleague)  # now a coordinator: may add meetings and members
    assert client.get(url(world.community, "meetings/new/")).status_code == 200
    partner_membership = CommunityMembership.objects.get(user=world.partner_member)
    client.post(url(world.community, f"members/{partner_membership.pk}/"), {"action": "coordinator"})
    partner_membership.refresh_from_db()
    assert partner_membership.is_coordinator


def test_a_member_may_leave_but_not_remove_others(client, world):
    client.force_login(world.member)
    partner_membership = CommunityMembership.objects.get(user=world.partner_member)
    assert client.post(url(world.community, f"members/{partner_membership.pk}/"),
                       {"action": "remove"}).status_code == 403
    mine = CommunityMembership.objects.get(user=world.member)
    assert client.post(url(world.community, f"members/{mine.pk}/"), {"action": "remove"}).status_code == 302
    assert not CommunityMembership.objects.filter(pk=mine.pk).exists()
    assert client.get(url(world.community)).status_code == 403


def test_a_partner_cannot_be_removed_while_its_people_are_members(world):
    with pytest.raises(ValidationError, match="Remove the members from Eastmoor Council"):
        services.community_update(community=world.community, user=world.lead, name="Network", purpose="p",
                                  partner_organisations=[])
    with pytest.raises(ValidationError, match="not its host"):
        services.community_update(community=world.community, user=world.lead, name="Network", purpose="p",
                                  partner_organisations=[world.host, world.partner])


def test_learning_leads_create_a_community_with_partners_on_the_page(client, world):
    client.force_login(world.lead)
    response = client.post("/learning/communities/new/", {"name": "", "purpose": "Learning together",
                                                          "partners": [str(world.partner.pk)]})
    assert response.status_code == 200 and "Enter a name for the community" in response.content.decode()
    assert "Learning together" in response.content.decode()
    response = client.post("/learning/communities/new/", {
        "name": "Family help practice circle", "purpose": "Learning together", "lenses": ["anti_racist"],
        "partners": [str(world.partner.pk), str(world.stranger_org.pk)]})
    assert response.status_code == 302
    created = selectors.communities_of(world.lead).get(name="Family help practice circle")
    assert set(created.partner_organisations.all()) == {world.partner, world.stranger_org}
    client.force_login(world.member)
    assert client.get("/learning/communities/new/").status_code == 403


# --- meetings ---------------------------------------------------------------------------------------------

def test_coordinators_add_meetings_and_errors_keep_what_was_typed(client, world):
    client.force_login(world.lead)
    response = client.post(url(world.community, "meetings/new/"), {
        "title": "Recruitment and progression", "day": "2027-01-14", "starts": "15:00", "ends": "14:00",
        "location": "Room 4"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "The end time must be after the start time" in text and "Recruitment and progression" in text
    response = client.post(url(world.community, "meetings/new/"), {
        "title": "Recruitment and progression", "day": "2027-01-14", "starts": "14:00", "ends": "15:30",
        "location": "Room 4"})
    assert response.status_code == 302
    assert "Recruitment and progression" in client.get(url(world.community)).content.decode()
    client.force_login(world.member)
    assert client.get(url(world.community, "meetings/new/")).status_code == 403


# --- links ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(document.cookie)",
                                  "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
                                  "ftp://example.org/file", "vbscript:msgbox", "//example.org/x", "www.example.org"])
def test_only_web_links_are_accepted(world, link):
    with pytest.raises(ValidationError):
        services.resource_add(community=world.community, user=world.member, title="Bad", link=link)
    assert not Resource.objects.exists()


def test_a_javascript_link_is_refused_on_the_page_and_the_title_is_kept(client, world):
    client.force_login(world.member)
    response = client.post(url(world.community, "resources/new/"), {"title": "Reading list",
                                                                    "link": "javascript:alert(1)"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "starts with https:// or http://" in text and 'value="Reading list"' in text
    response = client.post(url(world.community, "resources/new/"), {
        "title": "Reading list", "link": "https://www.example.org/reading-list"})
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.kind == "link" and resource.uploaded_by == world.member
    page = client.get(url(world.community)).content.decode()
    assert 'href="https://www.example.org/reading-list" rel="noopener noreferrer"' in page


def test_partner_members_share_resources_too(client, world):
    client.force_login(world.partner_member)
    response = client.post(url(world.community, "resources/new/"), {
        "title": "Eastmoor's supervision prompts", "link": "https://eastmoor.example/prompts"})
    assert response.status_code == 302
    client.force_login(world.member)
    assert "Eastmoor&#x27;s supervision prompts" in client.get(url(world.community)).content.decode()


def test_a_link_and_a_file_together_or_neither_are_refused(client, world):
    client.force_login(world.member)
    response = client.post(url(world.community, "resources/new/"), {"title": "Nothing"})
    assert response.status_code == 400 and "Enter a web address, or select a file" in response.content.decode()


def test_members_download_the_meetings_as_an_icalendar_file(client, world):
    start = timezone.make_aware(datetime(2027, 2, 4, 10, 0))
    services.community_meeting_add(community=world.community, user=world.lead, title="Supervision, race and identity",
                                   starts_at=start, ends_at=start.replace(hour=12), location="Online; Teams")
    client.force_login(world.partner_member)
    response = client.get(url(world.community, "meetings.ics"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert 'filename="anti-racist-practice-leads-network-meetings.ics"' in response["Content-Disposition"]
    text = response.content.decode().replace("\r\n ", "")  # unfold the 75-octet lines
    assert "SUMMARY:Supervision\\, race and identity (Anti-racist practice leads network)" in text
    assert "DTSTART:20270204T100000Z" in text and "LOCATION:Online\\; Teams" in text
    client.force_login(world.partner_other)
    assert client.get(url(world.community, "meetings.ics")).status_code == 404
