import pytest

from jobcouncil.notifications.tests.smtp import SmtpServer


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port, and Django sending every email through it."""
    server = SmtpServer()
    server.start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    try:
        yield server
    finally:
        server.stop()
