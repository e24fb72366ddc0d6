import factory
from django.contrib.auth.models import Group

from star.core.models import Grade, Organisation, Service, StaffProfile, Team, User, staff_key_for


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class GradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grade

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"G{n}")
    name = factory.Sequence(lambda n: f"Grade {n}")
    rank = 3
    tier = Grade.Tier.PRACTITIONER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = "Sam"
    last_name = "Okafor"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])
            self.__dict__.pop("role_names", None)


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    organisation = factory.SubFactory(OrganisationFactory)
    staff_key = factory.Sequence(lambda n: staff_key_for(f"T{n:05d}"))
    display_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Social worker"
    grade = factory.SubFactory(GradeFactory, organisation=factory.SelfAttribute("..organisation"))
