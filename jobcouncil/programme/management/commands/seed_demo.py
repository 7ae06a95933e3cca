"""`jobcouncil seed-demo`: fill the database with a believable demo programme."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from jobcouncil.programme.demo import seed_demo


class Command(BaseCommand):
    help = "Create a demo programme with a few hundred seekers (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo programme ready. Log in at {settings.SITE_URL}")
        )
        for login in logins:
            self.stdout.write(f"  {login.role:<24} {login.email:<36} password: {login.password}")
