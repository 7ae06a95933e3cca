"""Every main page under gunicorn on a big and a small programme, beside a trivial page.

Run (after `jobcouncil seed-scale` into both databases):
    python bench/web.py --big postgres://postgres@127.0.0.1:5432/scale_big \\
                        --small postgres://postgres@127.0.0.1:5432/scale_small

Two gunicorn servers (2 workers each, production settings) run side by side on loopback; wrk
(Debian's package) drives each page with 2 connections for a fixed time, alternating small and
big so that the machine's other load hits both alike. It logs in as a waiting seeker, a
member, a moderator and staff, counts each page's queries in a child process with Django's
test client, and reads the workers' peak memory (VmHWM) from /proc. Prints one table and the
bars: p99 big <= 1.2 x p99 small, p99 <= 20 x the trivial page's p99, at most 20 queries,
worker memory under 300 MB after the staff pages at the big size.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
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
# (label, who, path); {council} and {meeting} are found by following the member's links.
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
STAFF_PATHS = {path for _label, who, path in PAGES if who == "staff"}
BARS = {"big_over_small": 1.2, "over_trivial": 20.0, "queries": 20, "worker_mb": 300}


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
    )
    return env


@dataclass
class Server:
    name: str
    database_url: str
    port: int
    process: subprocess.Popen | None = None
    cookies: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

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
            ],
            env=server_env(self.database_url),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(f"/tmp/bench-web-{self.name}.log", "w"),  # noqa: SIM115
        )
        for _ in range(100):  # up to 20 s to boot
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

    def find_ids(self) -> None:
        """The member's council and its latest closed meeting, from the pages themselves."""
        status, headers, _ = self.request("GET", "/me/next/", cookie=self.cookies["member"])
        match = re.search(r"/councils/(\d+)/", headers.get("Location", ""))
        if not match:
            raise SystemExit(f"{self.name}: the member has no council ({status})")
        self.ids["council"] = int(match.group(1))
        _s, _h, body = self.request(
            "GET", f"/councils/{self.ids['council']}/", cookie=self.cookies["member"]
        )
        meetings = re.findall(rf"/councils/{self.ids['council']}/meetings/(\d+)/".encode(), body)
        if not meetings:
            raise SystemExit(f"{self.name}: no meeting linked from the council page")
        self.ids["meeting"] = int(meetings[0])

    def warm(self, path: str, cookie: str, workers: int) -> None:
        """Enough parallel requests that every worker has built its per-process caches."""
        with ThreadPoolExecutor(max_workers=2 * workers) as pool:
            for status, _headers, _body in pool.map(
                lambda _n: self.request("GET", path, cookie=cookie), range(6 * workers)
            ):
                if status != 200:
                    raise SystemExit(f"{self.name} {path}: {status}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in children.read_text().split()]

    def worker_memory_mb(self) -> tuple[float, float]:
        """(largest current RSS, largest peak RSS) over the workers, in MB."""
        rss, hwm = [], []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            rss.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
            hwm.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
        return max(rss), max(hwm)


def wrk(server: Server, path: str, cookie: str, seconds: int, connections: int) -> dict:
    """requests/s, p50 and p99 (ms) from one bounded wrk run."""
    command = [
        "wrk",
        f"-t{min(connections, 2)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{server.port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{server.name} {path}: {non_2xx.group(1)} error responses\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50%"),
        "p99": ms("99%"),
    }


def count_queries(database_url: str, pages: list[tuple[str, str, str]]) -> dict[str, int]:
    """Each page's query count on the second request, measured in a child process."""
    code = f"""
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jobcouncil.accounts.models import User
users = {USERS!r}
counts = {{}}
for label, who, path in json.loads(sys.argv[1]):
    client = Client()
    if who != "anonymous":
        client.force_login(User.objects.get(email=users[who]))
    client.get(path, secure=True)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, secure=True)
    assert response.status_code == 200, (path, response.status_code)
    counts[who + " " + path] = len(captured)
print(json.dumps(counts))
"""
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(pages)],
        env=server_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", required=True, help="DATABASE_URL of the big programme")
    parser.add_argument("--small", required=True, help="DATABASE_URL of the small programme")
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per page and size")
    parser.add_argument("--rounds", type=int, default=2, help="alternations small/big per page")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8108, help="the small one; big is +10000")
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
        env=server_env(args.small),
        cwd=ROOT,
        check=True,
    )
    servers = {
        "small": Server("small", args.small, args.port),
        "big": Server("big", args.big, args.port + 10000),
    }
    try:
        for server in servers.values():
            server.start(args.workers)
            for who, email in USERS.items():
                server.login(who, email)
            server.find_ids()
        rows = measure(servers, args)
        memory = {name: s.worker_memory_mb() for name, s in servers.items()}
    finally:
        for server in servers.values():
            server.stop()
    queries = {
        name: count_queries(
            s.database_url, [(lbl, who, path.format(**s.ids)) for lbl, who, path in PAGES]
        )
        for name, s in servers.items()
    }
    return report(rows, queries, memory, servers, args)


def measure(servers: dict[str, Server], args: argparse.Namespace) -> list[dict]:
    rows = []
    for label, who, template in PAGES:
        runs: dict[str, list[dict]] = {"small": [], "big": []}
        for _ in range(args.rounds):
            for name, server in servers.items():
                path = template.format(**server.ids)
                cookie = server.cookies.get(who, "")
                server.warm(path, cookie, args.workers)
                runs[name].append(wrk(server, path, cookie, args.seconds, args.connections))
        row = {"page": label, "who": who, "path": template}
        for name, results in runs.items():
            # The best of the alternations: the machine is shared, the page's cost is the floor.
            row[name] = min(results, key=lambda r: r["p99"])
        rows.append(row)
        print(f"  measured {label} ({who})", file=sys.stderr)
    return rows


def report(rows, queries, memory, servers, args) -> int:
    trivial = rows[0]["big"]["p99"]
    header = (
        "| page | who | req/s small | req/s big | p50 small | p50 big | p99 small | p99 big "
        "| p99 big/small | p99 big/trivial | queries small/big |"
    )
    lines = [header, "|" + "---|" * 11]
    failures = []
    for row in rows:
        s, b = row["small"], row["big"]
        key_s = f"{row['who']} {row['path'].format(**servers['small'].ids)}"
        key_b = f"{row['who']} {row['path'].format(**servers['big'].ids)}"
        qs, qb = queries["small"][key_s], queries["big"][key_b]
        ratio, over = b["p99"] / s["p99"], b["p99"] / trivial
        lines.append(
            f"| {row['page']} | {row['who']} | {s['rps']:.0f} | {b['rps']:.0f} | {s['p50']:.1f} ms "
            f"| {b['p50']:.1f} ms | {s['p99']:.1f} ms | {b['p99']:.1f} ms | {ratio:.2f} "
            f"| {over:.1f} | {qs}/{qb} |"
        )
        name = f"{row['page']} ({row['who']})"
        if row is not rows[0]:
            if ratio > BARS["big_over_small"]:
                failures.append(f"{name}: p99 big/small {ratio:.2f} > {BARS['big_over_small']}")
            if over > BARS["over_trivial"]:
                failures.append(f"{name}: p99 {over:.1f} x trivial > {BARS['over_trivial']}")
        if max(qs, qb) > BARS["queries"] or qs != qb:
            failures.append(f"{name}: queries {qs}/{qb}")
    lines.append("")
    for name, (rss, hwm) in memory.items():
        lines.append(
            f"Workers' memory, {name}: largest RSS {rss:.0f} MB, largest peak (VmHWM) {hwm:.0f} MB"
        )
    if memory["big"][1] > BARS["worker_mb"]:
        failures.append(f"big workers peaked at {memory['big'][1]:.0f} MB")
    lines.append(
        f"wrk: {args.connections} connections, {args.seconds} s per run, best p99 of "
        f"{args.rounds} alternations; gunicorn {args.workers} workers per size."
    )
    lines.append("Bars: " + ("all met." if not failures else "NOT met: " + "; ".join(failures)))
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
