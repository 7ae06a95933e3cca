"""Every main page under gunicorn on a big and a small programme, beside a trivial page.

Run (after `jobcouncil seed-scale` into both databases):
    python bench/web.py --big postgres://postgres@127.0.0.1:5432/scale_big \\
                        --small postgres://postgres@127.0.0.1:5432/scale_small

Two gunicorn servers (2 workers each, production settings) run side by side on loopback. It
signs in through the login form as a waiting seeker, a member, a moderator and staff, then
measures in many short rounds: in each round every page is driven by wrk (Debian's package,
2 connections) for a couple of seconds on one size and at once on the other, the order
swapping every round, so that a load spike from the machine's other users falls on both
sizes alike. Every request's latency is kept (wrk's Lua `done` hook writes them out) and
p50/p99 are taken over all the rounds' requests pooled, never the best round.

Beside what the client saw, the servers say what each request cost them: with
SERVER_TIMING=true every response carries a Server-Timing header (the request's wall time in
Django, its CPU time and the database's, and its query count), which gunicorn's access log
records. The server's own p99 leaves out the time a request waited for a CPU before Django saw
it, and CPU time leaves out waiting altogether, so they show what a page costs when the
client's p99 is mostly the machine's other load. Query counts come from the same header.

Then every staff page gets --memory-requests requests on each size and the workers' memory
is read from /proc (VmRSS now, VmHWM the peak). Prints one table and the bars: p99 big <= 1.2 x
p99 small, p99 <= 20 x the trivial page's p99, at most 20 queries, worker memory under 300 MB
after the staff pages at the big size. Nothing is adjusted: the table prints what was measured.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "council-demo-2026"
DOMAIN = "scale.jobcouncil.org"
USERS = {
    "seeker": f"waiting@{DOMAIN}",
    "member": f"member@{DOMAIN}",
    "moderator": f"moderator@{DOMAIN}",
    "staff": f"staff@{DOMAIN}",
}
# (label, who, path); {council}, {meeting}, {volunteer} and {round} are found from the pages.
PAGES = [
    ("healthz (trivial)", "anonymous", "/healthz/"),
    ("home", "seeker", "/"),
    ("pool page", "seeker", "/pool/"),
    ("availability", "seeker", "/me/availability/"),
    ("council page", "member", "/councils/{council}/"),
    ("council page", "moderator", "/councils/{council}/"),
    ("meeting page", "member", "/councils/{council}/meetings/{meeting}/"),
    ("meeting page", "moderator", "/councils/{council}/meetings/{meeting}/"),
    ("meeting live poll", "member", "/councils/{council}/meetings/{meeting}/live/?v=0"),
    ("dashboard", "staff", "/programme/"),
    ("round list", "staff", "/pool/rounds/"),
    ("moderator approvals", "staff", "/programme/moderators/"),
]
# Every page a staff member can open, for the memory bar (the round's own page loads its
# whole result document; the others are lists and one council's record).
STAFF_PAGES = [
    "/programme/",
    "/programme/councils/",
    "/programme/councils/{council}/",
    "/programme/moderators/",
    "/programme/moderators/{volunteer}/",
    "/pool/rounds/",
    "/pool/rounds/{round}/",
]
BARS = {"big_over_small": 1.2, "over_trivial": 20.0, "queries": 20, "worker_mb": 300}
SIZES = ("small", "big")
# wrk hands its Lua `done` hook the latency histogram; writing out the value at every rank
# gives back each request's latency (in microseconds), so rounds can be pooled exactly.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  local n = summary.requests
  io.write(string.format("BENCH requests=%d duration_us=%d errors=%d non2xx=%d\\n", n,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status))
  local parts = {}
  for k = 1, n do parts[k] = string.format("%d", latency:percentile(100.0 * (k - 0.5) / n)) end
  io.write("SAMPLES " .. table.concat(parts, ",") .. "\\n")
end
"""
ACCESS_FORMAT = '%({x-bench-page}i)s %(s)s %(D)s "%({server-timing}o)s"'
TIMING = re.compile(
    r"app;dur=(?P<app>[\d.]+), cpu;dur=(?P<cpu>[\d.]+), db;dur=(?P<db>[\d.]+);"
    r'desc=\\?"(?P<queries>\d+) queries'
)


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="jobcouncil.settings",
        SERVER_TIMING="true",
    )
    return env


def percentile(samples: list[float], p: float) -> float:
    """Nearest rank, as wrk computes it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Server:
    name: str
    database_url: str
    port: int
    logdir: Path
    process: subprocess.Popen | None = None
    cookies: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    @property
    def access_log(self) -> Path:
        return self.logdir / f"access-{self.name}.log"

    def start(self, workers: int) -> None:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "jobcouncil.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                ACCESS_FORMAT,
            ],
            env=server_env(self.database_url),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(self.logdir / f"error-{self.name}.log", "w"),  # noqa: SIM115
        )
        for _ in range(300):  # up to a minute to boot on a busy machine
            try:
                status, _headers, _body = self.request("GET", "/healthz/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn for {self.name} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def request(
        self,
        method: str,
        path: str,
        *,
        cookie: str = "",
        body: str = "",
        headers: dict | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        all_headers = {"Host": "127.0.0.1", **(headers or {})}
        if cookie:
            all_headers["Cookie"] = cookie
        if body:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body or None, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, response.headers, data

    def login(self, who: str, email: str) -> None:
        """A real sign-in through the login form, keeping the session cookie."""
        status, headers, body = self.request("GET", "/accounts/login/")
        jar = SimpleCookie()
        for value in headers.get_all("Set-Cookie") or []:
            jar.load(value)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not token or "csrftoken" not in jar:
            raise SystemExit(f"{self.name}: no login form ({status})")
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1).decode(), "login": email, "password": PASSWORD}
        )
        status, headers, _body = self.request(
            "POST",
            "/accounts/login/",
            cookie=f"csrftoken={jar['csrftoken'].value}",
            body=form,
            headers={"Referer": f"http://127.0.0.1:{self.port}/accounts/login/"},
        )
        for value in headers.get_all("Set-Cookie") or []:
            jar.load(value)
        if status != 302 or "sessionid" not in jar:
            raise SystemExit(f"{self.name}: signing in as {email} failed ({status})")
        self.cookies[who] = f"sessionid={jar['sessionid'].value}"

    def first_link(self, who: str, path: str, pattern: str) -> int:
        _s, _h, body = self.request("GET", path, cookie=self.cookies[who])
        match = re.search(pattern.encode(), body)
        if not match:
            raise SystemExit(f"{self.name}: no link like {pattern} on {path}")
        return int(match.group(1))

    def find_ids(self) -> None:
        """The member's council and its latest closed meeting, the longest-waiting volunteer
        and the latest round, by following links on the pages themselves."""
        status, headers, _ = self.request("GET", "/me/next/", cookie=self.cookies["member"])
        match = re.search(r"/councils/(\d+)/", headers.get("Location", ""))
        if not match:
            raise SystemExit(f"{self.name}: the member has no council ({status})")
        self.ids["council"] = council = int(match.group(1))
        self.ids["meeting"] = self.first_link(
            "member", f"/councils/{council}/", rf"/councils/{council}/meetings/(\d+)/"
        )
        self.ids["volunteer"] = self.first_link(
            "staff", "/programme/moderators/", r"/programme/moderators/(\d+)/"
        )
        self.ids["round"] = self.first_link("staff", "/pool/rounds/", r"/pool/rounds/(\d+)/")

    def get_many(self, path: str, cookie: str, n: int, parallel: int) -> None:
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            for status, _headers, _body in pool.map(
                lambda _n: self.request("GET", path, cookie=cookie), range(n)
            ):
                if status != 200:
                    raise SystemExit(f"{self.name} {path}: {status}")

    def worker_pids(self) -> list[str]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return children.read_text().split()

    def reset_peak_memory(self) -> None:
        """Start each worker's VmHWM afresh (Linux: 5 > clear_refs), so that a peak read later
        belongs to what ran since; signing in (Argon2 takes 100 MB for a moment) is left out."""
        for pid in self.worker_pids():
            Path(f"/proc/{pid}/clear_refs").write_text("5")

    def worker_memory_mb(self) -> tuple[float, float]:
        """(largest current RSS, largest peak RSS since the last reset) over the workers, MB."""
        rss: list[float] = []
        hwm: list[float] = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            for name, into in (("VmRSS", rss), ("VmHWM", hwm)):
                found = re.search(rf"{name}:\s+(\d+)", status)
                assert found, status
                into.append(int(found.group(1)) / 1024)
        return max(rss), max(hwm)


def wrk(server: Server, page: int, path: str, cookie: str, args: argparse.Namespace) -> dict:
    """One short wrk run: every request's latency (ms) and the run's requests per second."""
    command = [
        "wrk",
        f"-t{min(args.connections, 2)}",
        f"-c{args.connections}",
        f"-d{args.seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(args.wrk_script),
        "-H",
        f"X-Bench-Page: {page}",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{server.port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    counts = re.search(
        r"^BENCH requests=(\d+) duration_us=(\d+) errors=(\d+) non2xx=(\d+)", out, re.M
    )
    if not counts:
        raise SystemExit(f"{server.name} {path}: wrk said\n{out}")
    requests, duration, errors, non_2xx = (int(x) for x in counts.groups())
    if errors or non_2xx:
        raise SystemExit(f"{server.name} {path}: {errors} errors, {non_2xx} error responses")
    line = re.search(r"^SAMPLES (.*)$", out, re.M)
    samples = [int(x) / 1000 for x in line.group(1).split(",")] if line and requests else []
    return {"samples": samples, "requests": requests, "seconds": duration / 1e6}


def read_access_log(server: Server) -> dict[int, dict[str, list[float]]]:
    """{page index: {"app", "cpu", "db", "queries", "gunicorn"}} from the measured requests
    (the warm-up and memory requests carry no page header and are left out)."""
    pages: dict[int, dict[str, list[float]]] = {}
    for line in server.access_log.read_text().splitlines():
        page, status, micros, rest = line.split(" ", 3)
        if not page.isdigit():
            continue
        timing = TIMING.search(rest)
        if status != "200" or not timing:
            raise SystemExit(f"{server.name}: unexpected access-log line {line!r}")
        row = pages.setdefault(
            int(page), {"app": [], "cpu": [], "db": [], "queries": [], "gunicorn": []}
        )
        for key in ("app", "cpu", "db", "queries"):
            row[key].append(float(timing.group(key)))
        row["gunicorn"].append(int(micros) / 1000)
    return pages


def load() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", required=True, help="DATABASE_URL of the big programme")
    parser.add_argument("--small", required=True, help="DATABASE_URL of the small programme")
    parser.add_argument("--seconds", type=int, default=2, help="wrk duration of each run")
    parser.add_argument("--rounds", type=int, default=12, help="interleaved rounds, each size")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8108, help="the small one's; big is +10")
    parser.add_argument("--memory-requests", type=int, default=100, help="to each staff page")
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    logdir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    args.wrk_script = logdir / "samples.lua"
    args.wrk_script.write_text(WRK_SCRIPT)
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
        env=server_env(args.small),
        cwd=ROOT,
        check=True,
    )
    servers = {
        "small": Server("small", args.small, args.port, logdir),
        "big": Server("big", args.big, args.port + 10, logdir),
    }
    started = time.time()
    args.load_before = load()
    try:
        for server in servers.values():
            server.start(args.workers)
            for who, email in USERS.items():
                server.login(who, email)
            server.find_ids()
        for server in servers.values():
            server.reset_peak_memory()
        client = measure(servers, args)
        memory = {
            f"{name}, during the measured rounds": s.worker_memory_mb()
            for name, s in servers.items()
        }
        memory.update(memory_after_staff_pages(servers, args))
    finally:
        for server in servers.values():
            server.stop()
    args.load_after = load()
    args.minutes = (time.time() - started) / 60
    serverside = {name: read_access_log(s) for name, s in servers.items()}
    print(f"(logs in {logdir})", file=sys.stderr)
    return report(client, serverside, memory, args)


def measure(servers: dict[str, Server], args: argparse.Namespace) -> dict:
    """{(page, size): {"samples": [ms, ...], "requests": n, "seconds": s}} pooled over rounds."""
    for _label, who, template in PAGES:  # every worker builds its per-process caches first
        for server in servers.values():
            cookie = server.cookies.get(who, "")
            server.get_many(
                template.format(**server.ids), cookie, 6 * args.workers, 2 * args.workers
            )
    pooled = {
        (page, size): {"samples": [], "requests": 0, "seconds": 0.0}
        for page in range(len(PAGES))
        for size in SIZES
    }
    for round_number in range(args.rounds):
        order = SIZES if round_number % 2 == 0 else SIZES[::-1]
        for page, (_label, who, template) in enumerate(PAGES):
            for size in order:
                server = servers[size]
                run = wrk(
                    server, page, template.format(**server.ids), server.cookies.get(who, ""), args
                )
                into = pooled[(page, size)]
                into["samples"] += run["samples"]
                into["requests"] += run["requests"]
                into["seconds"] += run["seconds"]
        print(f"  round {round_number + 1}/{args.rounds} (load {load()})", file=sys.stderr)
    return pooled


def memory_after_staff_pages(servers: dict[str, Server], args: argparse.Namespace) -> dict:
    """Each staff page --memory-requests times on each size, then the workers' memory."""
    memory = {}
    for name, server in servers.items():
        server.reset_peak_memory()
        for template in STAFF_PAGES:
            server.get_many(
                template.format(**server.ids),
                server.cookies["staff"],
                args.memory_requests,
                args.workers,
            )
        memory[f"{name}, after {args.memory_requests} requests to each staff page"] = (
            server.worker_memory_mb()
        )
    return memory


def report(client: dict, serverside: dict, memory: dict, args: argparse.Namespace) -> int:
    def p(page: int, size: str, q: float) -> float:
        return percentile(client[(page, size)]["samples"], q)

    trivial = p(0, "big", 99)
    header = (
        "| page | who | req/s small / big | p50 ms small / big | p99 ms small / big "
        "| p99 big/small | p99 big / trivial | server p99 ms small / big | server p99 big/small "
        "| CPU ms p50 small / big | CPU big/small | queries small / big |"
    )
    lines = [header, "|" + "---|" * 12]
    failures = []
    for page, (label, who, _path) in enumerate(PAGES):
        rps = {s: client[(page, s)]["requests"] / client[(page, s)]["seconds"] for s in SIZES}
        p50 = {s: p(page, s, 50) for s in SIZES}
        p99 = {s: p(page, s, 99) for s in SIZES}
        app = {s: percentile(serverside[s][page]["app"], 99) for s in SIZES}
        cpu = {s: statistics.median(serverside[s][page]["cpu"]) for s in SIZES}
        queries = {s: sorted(set(int(q) for q in serverside[s][page]["queries"])) for s in SIZES}
        ratio, over = p99["big"] / p99["small"], p99["big"] / trivial
        shown = {
            s: str(queries[s][0]) if len(queries[s]) == 1 else f"{queries[s][0]}–{queries[s][-1]}"
            for s in SIZES
        }
        lines.append(
            f"| {label} | {who} | {rps['small']:.0f} / {rps['big']:.0f} "
            f"| {p50['small']:.1f} / {p50['big']:.1f} | {p99['small']:.1f} / {p99['big']:.1f} "
            f"| {ratio:.2f} | {over:.1f} | {app['small']:.1f} / {app['big']:.1f} "
            f"| {app['big'] / app['small']:.2f} | {cpu['small']:.1f} / {cpu['big']:.1f} "
            f"| {cpu['big'] / cpu['small']:.2f} "
            f"| {shown['small']} / {shown['big']} |"
        )
        name = f"{label} ({who})"
        if page:
            if ratio > BARS["big_over_small"]:
                failures.append(f"{name}: p99 big/small {ratio:.2f} > {BARS['big_over_small']}")
            if over > BARS["over_trivial"]:
                failures.append(f"{name}: p99 {over:.1f} x trivial > {BARS['over_trivial']}")
        most = max(queries["small"][-1], queries["big"][-1])
        if most > BARS["queries"]:
            failures.append(f"{name}: up to {most} queries")
    # A figure cached a minute per process (the pool's per-day summary, the council count) is
    # recounted by the first request after it expires: that request does more queries.
    recounts = []
    for page, (label, who, _path) in enumerate(PAGES):
        counts = {s: [int(q) for q in serverside[s][page]["queries"]] for s in SIZES}
        more = {s: [i for i, q in enumerate(counts[s]) if q > min(counts[s])] for s in SIZES}
        if any(more.values()):
            took = {s: [serverside[s][page]["app"][i] for i in more[s]] for s in SIZES}
            recounts.append(
                f"{label} ({who}): "
                + "; ".join(
                    f"{s} {len(more[s])} of {len(counts[s])} requests"
                    + (f" (server ms p50 {statistics.median(took[s]):.1f})" if took[s] else "")
                    for s in SIZES
                )
            )
    samples = [len(client[(page, s)]["samples"]) for page in range(len(PAGES)) for s in SIZES]
    lines += [
        "",
        f"wrk: {args.connections} connections; {args.rounds} interleaved rounds of "
        f"{args.seconds} s per page and size (order swapped every round), all requests pooled: "
        f"{min(samples):,} to {max(samples):,} per page and size. gunicorn {args.workers} "
        f"workers per size. Server p99 and CPU from each response's Server-Timing header.",
    ]
    if recounts:
        lines.append("Requests that recounted a figure cached a minute: " + " · ".join(recounts))
    for name, (rss, hwm) in memory.items():
        lines.append(
            f"Workers' memory, {name}: largest RSS {rss:.0f} MB, largest peak (VmHWM) {hwm:.0f} MB"
        )
    staff_big = f"big, after {args.memory_requests} requests to each staff page"
    if max(memory[staff_big]) > BARS["worker_mb"]:
        failures.append(f"big workers reached {max(memory[staff_big]):.0f} MB on the staff pages")
    lines.append(f"Staff pages: {', '.join(STAFF_PAGES)}.")
    lines.append(
        f"Load average before {args.load_before}, after {args.load_after}; "
        f"{args.minutes:.0f} minutes."
    )
    lines.append("Bars: " + ("all met." if not failures else "NOT met: " + "; ".join(failures)))
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
