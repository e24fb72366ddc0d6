"""A small world for the communities, events and action-log tests (fixtures only; imported by the
test_communities* modules): a host council, a partner council and a council that is not a partner."""

import io
import zipfile
from dataclasses import dataclass

from star.core.models import Organisation, User
from star.core.tests.factories import OrganisationFactory, UserFactory
from star.learning.models import Community
from star.learning.services import communities as services


@dataclass
class World:
    host: Organisation
    partner: Organisation
    stranger_org: Organisation
    lead: User
    leader: User
    practice_lead: User
    member: User
    colleague: User
    partner_member: User
    partner_other: User
    stranger: User
    community: Community


def build_world(organisation, make_user, settings, tmp_path) -> World:
    """Call from a ``world`` fixture: ``build_world(organisation, make_user, settings, tmp_path)``."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    partner = OrganisationFactory(name="Eastmoor Council", slug="eastmoor")
    stranger_org = OrganisationFactory(name="Westvale Council", slug="westvale")
    lead = make_user("learning_lead", first_name="Lena", last_name="Mensah", username="lead",
                     email="lead@northbridge.example")
    community = services.community_create(user=lead, name="Anti-racist practice leads network",
                                          purpose="Share what works.", lens_keys=["anti_racist"],
                                          partner_organisations=[partner])
    world = World(
        host=organisation, partner=partner, stranger_org=stranger_org, lead=lead,
        leader=make_user("senior_leader", first_name="Sade", last_name="Brown", username="leader"),
        practice_lead=make_user("practice_lead", username="practicelead"),
        member=make_user("practitioner", first_name="Mo", last_name="Hassan", username="member",
                         email="mo.hassan@northbridge.example"),
        colleague=make_user("practitioner", first_name="Ade", last_name="Osei", username="colleague",
                            email="ade.osei@northbridge.example"),
        partner_member=UserFactory(roles=["practitioner"], organisation=partner, username="partner",
                                   first_name="Priya", last_name="Shah", email="priya.shah@eastmoor.example"),
        partner_other=UserFactory(roles=["practitioner"], organisation=partner, username="partner2",
                                  email="tom.nowak@eastmoor.example"),
        stranger=UserFactory(roles=["learning_lead"], organisation=stranger_org, username="stranger",
                             email="zara.khan@westvale.example"),
        community=community,
    )
    services.community_member_add(community=community, user=lead, email=world.member.email)
    services.community_member_add(community=community, user=lead, email=world.partner_member.email)
    return world


PDF_BYTES = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
             b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def office_bytes(folder="word/", *, content_types=True, macros=False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                                                    'openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
        if macros:
            archive.writestr(f"{folder}vbaProject.bin", b"\x00\x01")
    return buffer.getvalue()
