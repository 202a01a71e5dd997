"""The hall load test: 1,000 check-ins, then 1,000 people sitting the post-test at once.

Runs on PostgreSQL with the production server (gunicorn, DEBUG off) on
127.0.0.1 and locust as the load generator, both child processes. The set-up
is set-based and committed (the server's workers must see it; the whole
database is a throwaway one). Log-ins are not part of the measurement: each
person gets a session row made directly, as `django.contrib.auth.login`
would, and a CSRF cookie/token pair.

Phases, each a bounded locust run: the bare view (/healthz/live, the
baseline), the desks checking everybody in, the pre-test's answer endpoint
at saturation (the same locust settings as the baseline, for the ratio),
then the post-test at the hall's pace. Afterwards the database is counted:
every submission and every answer exactly once.
"""

import datetime
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Max, Min, Sum
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils import timezone
from django.utils.crypto import get_random_string

from peduliham.accounts.models import Role, User
from peduliham.assessment.forms_exams import DEFAULT_QUESTIONS
from peduliham.assessment.models import Answer, Exam, ExamAttempt, ExamKind, Option, Topic
from peduliham.assessment.scoring import split_evenly
from peduliham.assessment.services.exams import create_exam
from peduliham.core.bench import Measurement, stopwatch, verdict
from peduliham.core.demo.kota_jambi import KOTA_JAMBI_CODE, load_kota_jambi_units
from peduliham.core.models import AuditEntry
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training import counters
from peduliham.training.models import (
    Attendance,
    CoverageCounter,
    Enrollment,
    EnrollmentStatus,
    Event,
    EventDay,
    EventStatus,
    Program,
)
from peduliham.training.tickets import ticket_code

SCALE_ENV = "PEDULIHAM_BENCH_HALL_SCALE"
WORKERS_ENV = "PEDULIHAM_BENCH_HALL_WORKERS"
PACE_ENV = "PEDULIHAM_BENCH_HALL_PACE"  # "min,max" seconds between two answers
CACHE_ENV = "PEDULIHAM_BENCH_CACHE_URL"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/0"
PARTICIPANTS = 1_000
DESKS = 8
LOCUSTFILE = Path(__file__).parent / "loadtest" / "locustfile.py"
#: Seconds between two scans at one desk, and between two answers on one phone:
#: the hall compressed in time (a real desk scans every few seconds, a real
#: participant of a 30-minute, 25-question test takes about 70 s per question;
#: 10-20 s is four to seven times faster than the real hall).
DESK_PACE = (0.1, 0.3)
ANSWER_PACE = (10.0, 20.0)
SPAWN_RATE = 20  # participants starting per second: all 1,000 within 50 s
CAPACITY_USERS = 100
CAPACITY_SECONDS = 15
P99_TARGET_MS = 300.0
RATIO_TARGET = 0.40
CHECKIN_TARGET_S = 300.0
START_TARGET_S = 60.0


@dataclass(frozen=True, slots=True)
class EndpointStats:
    """One request name of a locust run (times in ms, as locust rounds them)."""

    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    per_second: float


AGGREGATED = "Aggregated"


def _percentile(times: dict[int, int], count: int, share: float) -> float:
    """As locust computes it: the smallest (rounded) time that `share` of the requests beat."""
    allowed = int(count * share)
    seen = 0
    for time_ms in sorted(times, reverse=True):
        seen += times[time_ms]
        if count - seen <= allowed:
            return float(time_ms)
    return 0.0


def _entry(name: str, entries: list[dict[str, Any]]) -> EndpointStats:
    times: dict[int, int] = {}
    for entry in entries:
        for time_ms, number in entry["response_times"].items():
            times[int(time_ms)] = times.get(int(time_ms), 0) + number
    requests = sum(entry["num_requests"] for entry in entries)
    first = min(entry["start_time"] for entry in entries)
    last = max(entry["last_request_timestamp"] or first for entry in entries)
    return EndpointStats(
        name=name,
        requests=requests,
        failures=sum(entry["num_failures"] for entry in entries),
        p50=_percentile(times, requests, 0.50),
        p95=_percentile(times, requests, 0.95),
        p99=_percentile(times, requests, 0.99),
        per_second=requests / (last - first) if last > first else 0.0,
    )


def parse_stats_json(text: str) -> dict[str, EndpointStats]:
    """Locust's `--json-file` stats by request name, with every request under "Aggregated".

    Requests per second are over the run's active span (the stats' start to the last request).
    """
    entries: list[dict[str, Any]] = json.loads(text)
    rows = {entry["name"]: _entry(entry["name"], [entry]) for entry in entries}
    if entries:
        rows[AGGREGATED] = _entry(AGGREGATED, entries)
    return rows


def _scale() -> float:
    return float(os.environ.get(SCALE_ENV) or 1)


def _answer_pace() -> tuple[float, float]:
    low, _, high = (os.environ.get(PACE_ENV) or "").partition(",")
    return (float(low), float(high)) if high else ANSWER_PACE


def _workers() -> int:
    return int(os.environ.get(WORKERS_ENV) or 2 * (os.cpu_count() or 1) + 1)


def _redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def cache_url() -> str:
    """The shared cache the server runs with, as production does (docs/operations.md).

    CACHE_URL, else PEDULIHAM_BENCH_CACHE_URL, else the Redis on 127.0.0.1:6379
    if one answers; "" (sessions in the database only) when there is none.
    """
    url = os.environ.get("CACHE_URL") or os.environ.get(CACHE_ENV)
    if url is not None:
        return url
    return DEFAULT_CACHE_URL if _redis_answers() else ""


# --- set-up -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hall:
    event: Event
    day: EventDay
    pre: Exam
    post: Exam
    desk_staff: list[User]
    participants: list[User]
    enrollment_ids: list[int]


def _participants(count: int, units: list[OrgUnit]) -> tuple[list[User], list[ASN]]:
    unusable = make_password(None)  # they never log in with a password here
    users = User.objects.bulk_create(
        User(username=f"hall_{n:04d}", role=Role.PARTICIPANT, password=unusable)
        for n in range(count)
    )
    people = ASN.objects.bulk_create(
        ASN(
            nip=f"19900101{n:010d}",
            name=f"Peserta Aula {n}",
            sex="L" if n % 2 else "P",
            birth_date=datetime.date(1990, 1, 1),
            rank="III/a",
            region_id=units[n % len(units)].region_id,
            org_unit=units[n % len(units)],
            is_frontline=n % 4 == 0,
            user=user,
        )
        for n, user in enumerate(users)
    )
    return users, people


def _event(admin: User, region: Region) -> tuple[Event, EventDay]:
    program = Program.objects.create(year=2026, name="Bench aula", target=1_000_000)
    event = Event.objects.create(
        program=program,
        title="Pelatihan HAM Kota Jambi (uji beban)",
        host_region=region,
        venue="Aula Grha Siginjai",
        capacity=PARTICIPANTS,
        status=EventStatus.RUNNING,
    )
    today = timezone.localdate()
    days = [
        EventDay.objects.create(
            event=event,
            date=today + datetime.timedelta(days=n),
            starts_at=datetime.time(8),
            ends_at=datetime.time(16),
        )
        for n in range(2)
    ]
    return event, days[0]


def _seat(event: Event, people: list[ASN]) -> list[Enrollment]:
    seats = Enrollment.objects.bulk_create(
        Enrollment(
            event=event,
            program=event.program,
            asn=person,
            opd=person.org_unit,
            region_id=person.region_id,
            status=EnrollmentStatus.CONFIRMED,
            is_frontline=person.is_frontline,
            sex=person.sex,
        )
        for person in people
    )
    counters.bump_many(
        counters.Delta(
            program_id=event.program_id,
            event_id=event.pk,
            region_id=seat.region_id,
            opd_id=seat.opd_id,
            selected=1,
        )
        for seat in seats
    )
    return seats


def _exams(admin: User, event: Event) -> tuple[Exam, Exam]:
    """The starter bank, then a pre- and a post-test of 25 questions each, open now."""
    call_command("load_question_bank", verbosity=0, stdout=io.StringIO())  # its summary is noise
    now = timezone.now()

    def draw(kind: str, seed: int) -> Exam:
        return create_exam(
            admin,
            event=event,
            kind=kind,
            opens_at=now - datetime.timedelta(minutes=5),
            closes_at=now + datetime.timedelta(hours=3),
            time_limit_minutes=90,
            blueprint=split_evenly(DEFAULT_QUESTIONS, list(Topic.values)),
            seed=seed,
        )

    return draw(ExamKind.PRE, 1), draw(ExamKind.POST, 2)


def set_up_hall(count: int) -> Hall:
    """The event, its seated participants, desk staff and both tests (committed)."""
    with transaction.atomic():
        load_kota_jambi_units()
        region = Region.objects.get(code=KOTA_JAMBI_CODE, valid_until__isnull=True)
        units = list(OrgUnit.objects.filter(region=region, parent__isnull=True).order_by("pk"))
        staff = [
            User.objects.create_user(username=f"meja_{n}", role=Role.PEMDA_ADMIN, region=region)
            for n in range(DESKS)
        ]
        event, day = _event(staff[0], region)
        users, people = _participants(count, units)
        seats = _seat(event, people)
        pre, post = _exams(staff[0], event)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh bulk-loaded tables: give the planner statistics
    return Hall(event, day, pre, post, staff, users, [seat.pk for seat in seats])


def _sessions(users: list[User]) -> list[dict[str, str]]:
    """A logged-in session per user, as `login()` stores it, with a CSRF secret each."""
    backend = settings.AUTHENTICATION_BACKENDS[0]
    expires = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    store = SessionStore()
    rows, handed = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        payload = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        rows.append(
            Session(session_key=key, session_data=store.encode(payload), expire_date=expires)
        )
        handed.append(
            {"session": key, "csrf": get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)}
        )
    Session.objects.bulk_create(rows, batch_size=1_000)
    return handed


def _exam_data(exam: Exam) -> dict[str, Any]:
    drawn = list(exam.questions.order_by("position").values_list("pk", "question_id"))
    options: dict[int, list[int]] = {}
    for question_id, pk in Option.objects.filter(question_id__in=[q for _, q in drawn]).values_list(
        "question_id", "pk"
    ):
        options.setdefault(question_id, []).append(pk)
    return {"id": exam.pk, "questions": [[pk, options[q]] for pk, q in drawn]}


def write_hall_data(hall: Hall, path: Path) -> None:
    """What the locustfile reads: sessions, ticket codes and the tests' ids."""
    low, high = _answer_pace()
    payload = {
        "cookie_names": {
            "session": settings.SESSION_COOKIE_NAME,
            "csrf": settings.CSRF_COOKIE_NAME,
        },
        "event_id": hall.event.pk,
        "day_id": hall.day.pk,
        "desks": _sessions(hall.desk_staff),
        "participants": _sessions(hall.participants),
        "tickets": [
            ticket_code(event_id=hall.event.pk, enrollment_id=pk) for pk in hall.enrollment_ids
        ],
        "pre": _exam_data(hall.pre),
        "post": _exam_data(hall.post),
        "pace": {
            "desk_min": DESK_PACE[0],
            "desk_max": DESK_PACE[1],
            "answer_min": low,
            "answer_max": high,
        },
    }
    path.write_text(json.dumps(payload), encoding="utf-8")


# --- the server and the load generator ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


def _wait_until_live(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz/live", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz/live in time")


@contextmanager
def production_server(workers: int, log: Path) -> Iterator[str]:
    """gunicorn with DEBUG off on a free port of 127.0.0.1; its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        # docs/operations.md: production keeps connections open between requests
        # and shares one Redis between its web processes for the cache and sessions.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE") or "60",
        "CACHE_URL": cache_url(),
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "peduliham.wsgi"),
        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
        *("--backlog", "2048", "--timeout", "60", "--error-logfile", str(log)),
    ]
    server = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_live(url, server)
        yield url
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass(frozen=True, slots=True)
class LocustRun:
    stats: dict[str, EndpointStats]
    seconds: float

    @property
    def total(self) -> EndpointStats:
        return self.stats[AGGREGATED]


def run_locust(
    *,
    host: str,
    data: Path,
    user_class: str,
    users: int,
    spawn_rate: float,
    run_seconds: int,
    folder: Path,
) -> LocustRun:
    """One headless, time-bounded locust run of one user class; its stats by request name."""
    prefix = folder / user_class
    command = [
        *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
        *("-u", str(users), "-r", str(spawn_rate), "--run-time", f"{run_seconds}s"),
        *("--host", host, "--json-file", str(prefix), "--only-summary", "--stop-timeout", "10"),
        *("--loglevel", "ERROR", user_class),
    ]
    env = {**os.environ, "PEDULIHAM_HALL_DATA": str(data)}
    with stopwatch() as timer:
        done = subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603
    stats_file = Path(f"{prefix}.json")
    if not stats_file.exists():
        raise RuntimeError(f"locust {user_class} wrote no stats: {done.stderr[-2000:]!r}")
    return LocustRun(parse_stats_json(stats_file.read_text(encoding="utf-8")), timer.seconds)


# --- the run and its report --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HallRuns:
    bare: LocustRun
    checkin: LocustRun
    rehearsal: LocustRun
    test: LocustRun
    workers: int
    cache: str


def _run_phases(hall: Hall, folder: Path) -> HallRuns:
    data = folder / "hall.json"
    write_hall_data(hall, data)
    count, workers = len(hall.participants), _workers()
    with production_server(workers, folder / "gunicorn.log") as host:

        def run(user_class: str, users: int, rate: float, seconds: int) -> LocustRun:
            return run_locust(
                host=host,
                data=data,
                user_class=user_class,
                users=users,
                spawn_rate=rate,
                run_seconds=seconds,
                folder=folder,
            )

        capacity = min(CAPACITY_USERS, count)
        bare = run("BareView", capacity, capacity, CAPACITY_SECONDS)
        checkin = run("Desk", DESKS, DESKS, round(CHECKIN_TARGET_S))
        rehearsal = run("Rehearsal", capacity, capacity, CAPACITY_SECONDS)
        _low, high = _answer_pace()
        longest = count / SPAWN_RATE + DEFAULT_QUESTIONS * high + 60  # the run ends itself sooner
        test = run("Participant", count, SPAWN_RATE, round(longest))
    return HallRuns(bare, checkin, rehearsal, test, workers, cache_url())


def _latency(run: LocustRun) -> list[Measurement]:
    total = run.total
    rows = [
        Measurement(
            f"post-test: p99 latency, all {total.requests:,} requests "
            f"(p50 {total.p50:.0f} ms, p95 {total.p95:.0f} ms; target < {P99_TARGET_MS:.0f} ms) "
            f"[{verdict(total.p99 < P99_TARGET_MS)}]",
            total.p99,
            "ms",
        )
    ]
    for name, stats in sorted(run.stats.items()):
        if name != AGGREGATED:
            rows.append(
                Measurement(
                    f"post-test: p99 latency, {name} ({stats.requests:,} requests, "
                    f"p50 {stats.p50:.0f} ms, p95 {stats.p95:.0f} ms)",
                    stats.p99,
                    "ms",
                )
            )
    return rows


def _load_figures(runs: HallRuns) -> list[Measurement]:
    failures = sum(run.total.failures for run in (runs.checkin, runs.rehearsal, runs.test))
    ratio = runs.rehearsal.total.per_second / runs.bare.total.per_second
    checkin = runs.checkin.total
    checkin_ok = runs.checkin.seconds < CHECKIN_TARGET_S
    return [
        Measurement(
            f"gunicorn sync workers (2 x cores + 1 unless {WORKERS_ENV}); sessions "
            + ("cached in Redis (CACHE_URL)" if runs.cache else "in the database only"),
            runs.workers,
            "",
        ),
        Measurement(
            f"failed requests, all phases (target 0) [{verdict(failures == 0)}]", failures, ""
        ),
        *_latency(runs.test),
        Measurement(
            "post-test: requests served per second (hall pace)", runs.test.total.per_second, "req/s"
        ),
        Measurement(
            f"check-in: {checkin.requests:,} scans by {DESKS} desks, locust run "
            f"(target < {CHECKIN_TARGET_S:.0f} s) [{verdict(checkin_ok)}]",
            runs.checkin.seconds,
            "s",
        ),
        Measurement(f"check-in: p99 latency (p50 {checkin.p50:.0f} ms)", checkin.p99, "ms"),
        Measurement(
            f"saturated, {CAPACITY_USERS} users: bare Django view /healthz/live",
            runs.bare.total.per_second,
            "req/s",
        ),
        Measurement(
            f"saturated, {CAPACITY_USERS} users: hall answer endpoint (pre-test)",
            runs.rehearsal.total.per_second,
            "req/s",
        ),
        Measurement(
            f"ratio hall / bare view (target >= {RATIO_TARGET:.2f}) "
            f"[{verdict(ratio >= RATIO_TARGET)}]",
            ratio,
            "",
        ),
    ]


def _exactly(label: str, found: int, expected: int) -> Measurement:
    return Measurement(f"{label} (expected {expected:,}) [{verdict(found == expected)}]", found, "")


def _checks(hall: Hall) -> list[Measurement]:
    """The database after the run: every check-in, answer and submission exactly once."""
    count = len(hall.participants)
    attempts = ExamAttempt.objects.filter(exam=hall.post)
    submitted = attempts.filter(submitted_at__isnull=False)
    window = attempts.aggregate(
        first=Min("started_at"), last=Max("started_at"), started=Count("pk")
    )
    spread = (window["last"] - window["first"]).total_seconds() if window["first"] else 0.0
    audited = AuditEntry.objects.filter(
        action="peduliham.assessment.attempt.submitted",
        object_id__in=[str(pk) for pk in submitted.values_list("pk", flat=True)],
    )
    attended = CoverageCounter.objects.filter(event=hall.event).aggregate(n=Sum("attended"))["n"]
    days = Enrollment.objects.filter(event=hall.event).aggregate(n=Sum("days_attended"))["n"]
    started = window["started"]
    return [
        Measurement(
            f"post-test: first to last of {started:,} starts (all {count:,} within "
            f"{START_TARGET_S:.0f} s) [{verdict(started == count and spread <= START_TARGET_S)}]",
            spread,
            "s",
        ),
        _exactly("post-test attempts submitted", submitted.count(), count),
        _exactly(
            "post-test answers stored",
            Answer.objects.filter(attempt__exam=hall.post).count(),
            count * DEFAULT_QUESTIONS,
        ),
        _exactly("submission audit entries", audited.count(), count),
        _exactly("attendances recorded", Attendance.objects.filter(day=hall.day).count(), count),
        _exactly("attended in the coverage counters", attended or 0, count),
        _exactly("days attended over all seats", days or 0, count),
    ]


def hall_benchmark() -> list[Measurement]:
    """Set up the hall, run the four phases against gunicorn, count what was stored."""
    count = round(PARTICIPANTS * _scale())
    with stopwatch() as setup_timer:
        hall = set_up_hall(count)
    with tempfile.TemporaryDirectory(prefix="peduliham-hall-") as folder:
        runs = _run_phases(hall, Path(folder))
    return [
        Measurement(
            f"set-up: {count:,} seated participants, sessions, two tests", setup_timer.seconds, "s"
        ),
        *_load_figures(runs),
        *_checks(hall),
    ]
