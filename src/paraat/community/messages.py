"""The texts Paraat sends to volunteers, in the region's language (Dutch), with their links."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from paraat.community import channels
from paraat.community.constants import Skill
from paraat.community.models import Ask, Certificate, Volunteer
from paraat.core import when


def url(name: str, *args: object) -> str:
    return settings.PARAAT_SITE_URL + reverse(name, args=args)


def send(message: channels.Message) -> list[str]:
    return channels.deliver(message)


def confirmation(volunteer: Volunteer, token: str) -> channels.Message:
    with translation.override(settings.LANGUAGE_CODE):
        link = url("community:confirm", token)
        body = _(
            "Thank you for registering as a volunteer.\n\n"
            "Confirm your e-mail address with this link (valid for 7 days):\n%(link)s\n\n"
            "If you did not register, ignore this message: without confirmation nothing is used."
        ) % {"link": link}
        return channels.Message(
            email=volunteer.email,
            phone="",
            subject=_("Confirm your registration as a volunteer"),
            body=body,
            sms="",
        )


def own_data_link(volunteer: Volunteer, token: str) -> channels.Message:
    with translation.override(settings.LANGUAGE_CODE):
        link = url("community:me", token)
        return channels.Message(
            email=volunteer.email,
            phone="",
            subject=_("Your registration as a volunteer"),
            body=_(
                "Your registration is confirmed. With this personal link you can see, correct, "
                "download and erase your data at any time:\n%(link)s"
            )
            % {"link": link},
            sms="",
        )


def ask(item: Ask, token: str) -> channels.Message:
    volunteer = item.volunteer
    assert volunteer is not None
    callout = item.callout
    with translation.override(settings.LANGUAGE_CODE):
        accept = url("community:answer", token)
        exercise = _("EXERCISE") + " · " if callout.incident.is_exercise else ""
        params = {
            "exercise": exercise,
            "skill": Skill(callout.skill).label,
            "point": callout.point.name,
            "km": f"{item.distance_m / 1000:.1f}".replace(".", ","),
            "link": accept,
        }
        return channels.Message(
            email=volunteer.email,
            phone=volunteer.phone,
            subject=_("%(exercise)sCan you help at %(point)s?") % params,
            body=_(
                "%(exercise)s%(point)s (%(km)s km from you) needs volunteers: %(skill)s.\n\n"
                "Can you come now? Answer yes or no with this link:\n%(link)s\n\n"
                "Others are asked too; we stop asking as soon as enough have said yes."
            )
            % params,
            sms=_("%(exercise)sParaat: %(point)s needs %(skill)s, %(km)s km. Yes/no: %(link)s")
            % params,
        )


def not_needed(item: Ask) -> channels.Message:
    volunteer = item.volunteer
    assert volunteer is not None
    with translation.override(settings.LANGUAGE_CODE):
        params = {"point": item.callout.point.name}
        return channels.Message(
            email=volunteer.email,
            phone=volunteer.phone,
            subject=_("No longer needed: %(point)s") % params,
            body=_("Enough volunteers have said yes for %(point)s. You are not needed; thank you.")
            % params,
            sms=_("Paraat: enough volunteers for %(point)s, you are not needed. Thank you.")
            % params,
        )


def certificate_expiring(cert: Certificate) -> list[channels.Message]:
    from paraat.community.services import municipality_officer_emails

    volunteer = cert.volunteer
    with translation.override(settings.LANGUAGE_CODE):
        params = {"skill": Skill(cert.skill).label if cert.skill in Skill.values else cert.skill,
                  "date": when.date(cert.expires_on), "id": volunteer.pk}  # fmt: skip
        own = channels.Message(
            email=volunteer.email,
            phone="",
            subject=_("Your certificate expires soon"),
            body=_("Your certificate for %(skill)s is valid until %(date)s. Please renew it.")
            % params,
            sms="",
        )
        officers = [
            channels.Message(
                email=address,
                phone="",
                subject=_("A volunteer's certificate expires soon"),
                body=_("The certificate for %(skill)s of volunteer #%(id)s expires on %(date)s.")
                % params,
                sms="",
            )
            for address in municipality_officer_emails(volunteer.municipality)
        ]
        return [own, *officers]


def erase_notice(volunteer: Volunteer, token: str) -> channels.Message:
    with translation.override(settings.LANGUAGE_CODE):
        params = {"days": settings.PARAAT_VOLUNTEER_NOTICE_DAYS, "link": url("community:me", token)}
        return channels.Message(
            email=volunteer.email,
            phone="",
            subject=_("Your volunteer data will be erased"),
            body=_(
                "You have not been active as a volunteer for a long time. Your data will be erased "
                "in %(days)s days. To stay registered, open your link and save your data:\n%(link)s"
            )
            % params,
            sms="",
        )
