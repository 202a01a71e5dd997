"""The hall on exam day, for locust: desks checking 1,000 people in, then the post-test.

Run by `peduliham.assessment.bench_hall` (never by the app): it sets up the
database, writes the sessions and ids to the JSON file named by
PEDULIHAM_HALL_DATA and picks one user class per locust run:

- BareView: GET /healthz/live as fast as possible (the bare-view baseline);
- Desk: the registration desks post each ticket code once (HTMX fragment);
- Participant: the post-test as a phone does it: start page, start (all
  questions on one page), 25 answers through the fetch endpoint exam.js uses,
  with a pause between answers, the confirmation page, submit, result;
- Rehearsal: the pre-test's answer endpoint without pauses, to measure what
  the server serves when saturated (compared with BareView).

Each simulated person takes the next unused session from the file; a run ends
itself when every desk ticket or every participant is done.
"""

import functools
import itertools
import json
import os
import random
from collections import deque
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, constant, task
from locust.exception import StopUser

DATA_ENV = "PEDULIHAM_HALL_DATA"
TAKE = "/penilaian/ujian/{pk}/"
ANSWER = "/penilaian/ujian/{pk}/jawab/"
SUBMIT = "/penilaian/ujian/{pk}/kumpulkan/"
CHECKIN = "/pelatihan/kegiatan/{pk}/registrasi/catat/"


@functools.cache
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(Path(os.environ[DATA_ENV]).read_text(encoding="utf-8"))
    return loaded


_next_desk = itertools.count()
_next_participant = itertools.count()
_next_rehearsal = itertools.count()
_tickets: deque[str] = deque()
_done = {"checkins": 0, "participants": 0}


def _headers(credentials: dict[str, str], **extra: str) -> dict[str, str]:
    names = data()["cookie_names"]
    cookie = f"{names['session']}={credentials['session']}; {names['csrf']}={credentials['csrf']}"
    return {"Cookie": cookie, **extra}


def _quit_when(user: FastHttpUser, key: str, total: int) -> None:
    """Count one finished unit of work; the last one stops the whole run."""
    _done[key] += 1
    if _done[key] >= total and user.environment.runner is not None:
        gevent.spawn(user.environment.runner.quit)


class BareView(FastHttpUser):
    wait_time = constant(0)

    @task
    def live(self) -> None:
        with self.client.get("/healthz/live", name="bare view", catch_response=True) as response:
            if response.status_code != 200 or response.content != b"ok":
                response.failure(f"HTTP {response.status_code}")


class Desk(FastHttpUser):
    """One desk: scans the next ticket of the shared queue until the queue is empty."""

    wait_time = constant(0)

    def on_start(self) -> None:
        if not _tickets and _done["checkins"] == 0:
            _tickets.extend(data()["tickets"])
        desks = data()["desks"]
        index = next(_next_desk)
        self.credentials = desks[index % len(desks)]
        self.desk = f"Meja {index + 1}"

    @task
    def scan(self) -> None:
        if not _tickets:
            raise StopUser
        code = _tickets.popleft()
        form = {"hari": str(data()["day_id"]), "kode": code, "meja": self.desk}
        headers = _headers(self.credentials, **{"HX-Request": "true"})
        headers["X-CSRFToken"] = self.credentials["csrf"]
        url = CHECKIN.format(pk=data()["event_id"])
        with self.client.post(
            url, data=form, headers=headers, name="check-in (desk)", catch_response=True
        ) as response:
            if response.status_code != 200 or b'data-outcome="recorded"' not in response.content:
                response.failure(f"HTTP {response.status_code}: not recorded")
        _quit_when(self, "checkins", len(data()["tickets"]))
        pace = data()["pace"]
        gevent.sleep(random.uniform(pace["desk_min"], pace["desk_max"]))  # noqa: S311


class _Person(FastHttpUser):
    """A participant's phone: one session, one exam."""

    abstract = True
    wait_time = constant(0)
    exam_key = "post"

    def _open(self, counter: "itertools.count[int]") -> None:
        people = data()["participants"]
        index = next(counter)
        if index >= len(people):
            raise StopUser
        self.credentials = people[index]
        self.exam = data()[self.exam_key]
        self.pk = self.exam["id"]

    def _expect(self, response: Any, status: int, marker: bytes = b"") -> None:
        if response.status_code != status or (marker and marker not in response.content):
            response.failure(f"HTTP {response.status_code}, expected {status}")

    def _get(self, url: str, name: str, marker: bytes = b"") -> None:
        with self.client.get(
            url, headers=_headers(self.credentials), name=name, catch_response=True
        ) as response:
            self._expect(response, 200, marker)

    def _post(self, url: str, form: dict[str, str], name: str) -> None:
        form = {"csrfmiddlewaretoken": self.credentials["csrf"], **form}
        with self.client.post(
            url,
            data=form,
            headers=_headers(self.credentials),
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._expect(response, 302)

    def _answer(self, question: int, options: list[int], name: str) -> None:
        headers = _headers(self.credentials, **{"X-CSRFToken": self.credentials["csrf"]})
        body = {"soal": question, "pilihan": random.choice(options)}  # noqa: S311
        with self.client.post(
            ANSWER.format(pk=self.pk), json=body, headers=headers, name=name, catch_response=True
        ) as response:
            self._expect(response, 200, b'"ok": true')

    def _start(self, prefix: str) -> None:
        take = TAKE.format(pk=self.pk)
        self._get(take, f"{prefix}start page")
        self._post(take, {"aksi": "mulai", "tampilan": "semua"}, f"{prefix}start (POST)")
        self._get(f"{take}?tampilan=semua", f"{prefix}questions page", b"data-exam-form")


class Participant(_Person):
    """The post-test at the hall's pace: pauses between answers, submits once, then leaves."""

    def on_start(self) -> None:
        self._open(_next_participant)

    @task
    def sit_the_test(self) -> None:
        pace = data()["pace"]
        self._start("")
        for question, options in self.exam["questions"]:
            gevent.sleep(random.uniform(pace["answer_min"], pace["answer_max"]))  # noqa: S311
            self._answer(question, options, "answer (fetch)")
        self._get(SUBMIT.format(pk=self.pk), "submit page", b"<form")
        self._post(SUBMIT.format(pk=self.pk), {}, "submit (POST)")
        self._get(TAKE.format(pk=self.pk), "result page")
        _quit_when(self, "participants", len(data()["participants"]))
        raise StopUser


class Rehearsal(_Person):
    """The pre-test's answer endpoint without pauses: the hall's hot path at saturation."""

    exam_key = "pre"

    def on_start(self) -> None:
        self._open(_next_rehearsal)
        self._start("rehearsal: ")

    @task
    def answer_again(self) -> None:
        question, options = random.choice(self.exam["questions"])  # noqa: S311
        self._answer(question, options, "rehearsal: answer (fetch)")
