import pytest
from django.core.management import call_command


@pytest.fixture
def demo_data(db):
    """The forum's real history, as `make run` loads it."""
    call_command("load_demo", verbosity=0)
