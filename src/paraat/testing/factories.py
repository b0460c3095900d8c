"""Factories for the foundation's models; other apps build on these."""

from __future__ import annotations

from typing import Any

import factory

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Municipality, Region
from paraat.testing import geometry


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "VR21"
    name = "Brabant-Noord"

    @factory.lazy_attribute
    def geometry(self) -> dict[str, Any]:
        return geometry.geo_fields(geometry.square_wgs84(156_000, 414_000, 40_000))["geometry"]


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A square municipality of 10 km around ``centre_rd`` (default: Oss)."""

    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    population = 10_000
    age_65_plus = 2_000
    centre_rd = geometry.OSS_RD
    size_m = 10_000.0

    @classmethod
    def _create(cls, model_class: type[Municipality], *args: Any, **kwargs: Any) -> Municipality:
        centre = kwargs.pop("centre_rd", geometry.OSS_RD)
        size = kwargs.pop("size_m", 10_000.0)
        if "geometry" not in kwargs:
            kwargs.update(geometry.geo_fields(geometry.square_wgs84(centre[0], centre[1], size)))
        return super()._create(model_class, *args, **kwargs)


class AreaFactory(factory.django.DjangoModelFactory):
    """A square area of 1 km around ``centre_rd`` in its municipality."""

    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = AreaKind.WIJK
    code = factory.Sequence(lambda n: f"WK{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    population = 1_000
    age_65_plus = 200
    centre_rd = geometry.OSS_RD
    size_m = 1_000.0

    @classmethod
    def _create(cls, model_class: type[Area], *args: Any, **kwargs: Any) -> Area:
        centre = kwargs.pop("centre_rd", geometry.OSS_RD)
        size = kwargs.pop("size_m", 1_000.0)
        if "geometry" not in kwargs:
            kwargs.update(geometry.geo_fields(geometry.square_wgs84(centre[0], centre[1], size)))
        return super()._create(model_class, *args, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.VIEWER
    region = factory.SubFactory(RegionFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def municipalities(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.municipalities.set(extracted)
        if create:
            self.save()


def api_key(user: User, days: int = 90) -> str:
    """A working API key for ``user`` (made through the one service, as `paraat token create` does)."""
    from paraat.accounts.tokens import create_api_token

    return create_api_token(user=user, days=days)[1]
