"""The liveness endpoint: answers without touching the database (the load test's baseline)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_ok_without_a_single_query(
    client: Client, django_assert_num_queries: Callable[..., Any]
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_it_is_named_for_reverse() -> None:
    assert reverse("healthz_live") == "/healthz/live"


def test_it_refuses_a_post(client: Client) -> None:
    assert client.post("/healthz/live").status_code == 405
