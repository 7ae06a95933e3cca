"""scripts/dev.sh installs the Debian packages it needs, as root (no sudo) and as a user."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DEV_SH = Path(__file__).resolve().parents[2] / "scripts" / "dev.sh"


def _need_apt(tmp_path: Path, *, uid: int, installed: bool, sudo: bool = False):
    """Runs need_apt with stand-ins for id, dpkg-query, apt-get and sudo that record calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    status = "install ok installed" if installed else ""
    stand_ins = {
        "id": f'[ "$1" = -u ] && echo {uid}',
        "dpkg-query": f'printf %s "{status}"',
        "apt-get": f'echo "apt-get DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >>{calls}',
    }
    if sudo:
        stand_ins["sudo"] = f'echo sudo >>{calls}; exec "$@"'
    # Only these real tools: a real sudo or apt-get on the machine must never be reached.
    for tool in ("dirname", "mktemp", "cat", "rm", "env"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    for name, body in stand_ins.items():
        (bin_dir / name).write_text(f"#!/bin/bash\n{body}\n")
        (bin_dir / name).chmod(0o755)
    result = subprocess.run(
        [shutil.which("bash"), "-c", f'source "{DEV_SH}" && need_apt libatomic1 chromium'],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
    )
    return result, (calls.read_text().splitlines() if calls.exists() else [])


def test_as_root_it_installs_the_missing_packages_without_sudo(tmp_path):
    result, calls = _need_apt(tmp_path, uid=0, installed=False)
    assert result.returncode == 0, result.stderr
    assert calls == [
        "apt-get DEBIAN_FRONTEND=noninteractive update -qq",
        "apt-get DEBIAN_FRONTEND=noninteractive install -y -qq --no-install-recommends "
        "libatomic1 chromium",
    ]


def test_as_a_user_it_goes_through_sudo(tmp_path):
    result, calls = _need_apt(tmp_path, uid=1000, installed=False, sudo=True)
    assert result.returncode == 0, result.stderr
    assert calls[0] == "sudo" and calls[1].endswith("update -qq")
    assert calls[2] == "sudo" and calls[3].endswith("libatomic1 chromium")


def test_installed_packages_are_not_installed_again(tmp_path):
    result, calls = _need_apt(tmp_path, uid=0, installed=True)
    assert result.returncode == 0, result.stderr
    assert calls == []
    assert result.stdout == ""


def test_a_user_without_sudo_is_told_what_to_install(tmp_path):
    result, calls = _need_apt(tmp_path, uid=1000, installed=False)
    assert result.returncode != 0
    assert "libatomic1 chromium" in result.stderr
    assert calls == []


def test_the_demo_and_the_tests_both_install_what_the_pdf_needs():
    """WeasyPrint needs Pango, HarfBuzz and fonts (CJK too) on the machine: a minimal Debian
    root has none, and both `make demo` and `make test` make PDFs."""
    script = DEV_SH.read_text()
    branches = {
        name: script.split(f"\n  {name})\n", 1)[1].split(";;", 1)[0] for name in ("demo", "test")
    }
    for name, branch in branches.items():
        assert "need_apt" in branch and '"${PDF_PACKAGES[@]}"' in branch, name
    result = subprocess.run(
        [shutil.which("bash"), "-c", f'source "{DEV_SH}" && echo "${{PDF_PACKAGES[@]}}"'],
        capture_output=True,
        text=True,
    )
    packages = result.stdout.split()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in packages
    assert any(p.startswith("fonts-") and ("wqy" in p or "cjk" in p) for p in packages)
