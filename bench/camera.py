"""Camera: a card's frame to the parent's answer on screen, against the keyboard wedge in
the same run; and the kiosk's CPU while it idles with the camera on.

Usage: python bench/camera.py [--scans N] [--idle-seconds S]

A small database (bench/tenyear.py, a year of 40 cases, the production KDF) with
today's sessions and a card for each parent. The real KioskApp runs headless under
run_test with the camera's reader in its own thread, as at the entrance; its camera is
a picture source (kiosk/camera/frames.py) fed one photo at a time. A photo is made
from the real card renderer's output (tests/support/card_photos.py: rotated, at an
angle, blurred, on a phone's screen...). Each scan is timed from the moment its photo
is handed to the camera (as a webcam's frame arrives) to the moment the parent's
answer with their first name is in the terminal output: capture, decoding, the scan
and the paint. Then the same number of scans through the keyboard wedge (a burst of
keys and Enter), timed the same way, in the same app.

Idle: the kiosk with the camera on, 640x480 frames at 15 a second showing no card,
for --idle-seconds; the process's CPU time over that wall time, as a share of one
core. Budget: under a quarter of a core.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import queue
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scan import TimedKiosk, Watch, pct, post_enter, post_keys
from bench.scan_day import TODAY
from bench.tenyear import build
from kiosk.camera.frames import CameraUnavailable, ImageSource
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cards import tokens as cards
from models import Booking, Card, Person, database
from screens.parent.idle import IdleScreen
from tests.support.card_photos import card_image, empty_photos, photo

if TYPE_CHECKING:
    from kiosk.camera.frames import Frame

IDLE_BUDGET = 0.25
CASES = 40
WAIT_SECONDS = 10


class HandedFrames:
    """A camera whose next frame is whatever the benchmark hands it, when it hands it."""

    def __init__(self) -> None:
        self.frames: queue.Queue[Frame] = queue.Queue()
        self.opened = False

    def open(self) -> None:
        self.opened = True

    def read(self) -> Frame:
        while self.opened:
            try:
                return self.frames.get(timeout=0.1)
            except queue.Empty:
                continue
        raise CameraUnavailable("closed")

    def close(self) -> None:
        self.opened = False


def prepare(workdir: Path, scans: int) -> list[tuple[str, str]]:
    """A year of 40 cases; today's sessions at 10:00; (code, first name) per scan."""
    build(workdir / "bench.db", now=TODAY, cases=CASES, years=1, kdf_iter=None)
    holders = []
    with database.atomic():
        for case_id in range(1, CASES + 1):
            start = TODAY.replace(hour=10)
            Booking.create(
                case=case_id,
                room="Blue Room",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                service="supported",
                created_at=start - timedelta(days=14),
            )
            for adult in Person.select().where(Person.case == case_id, Person.role != "adult"):
                code = cards.new_token()
                Card.create(person=adult, token_hash=cards.token_hash(code), issued_at=TODAY)
                holders.append((code, adult.first_name))
    if len(holders) < 2 * scans:
        raise SystemExit(f"only {len(holders)} card holders for {scans} scans of each kind")
    return holders[: 2 * scans]


async def measure(scans: list[tuple[str, str]]) -> tuple[list[float], list[float]]:
    """Camera scans (half the holders), then wedge scans (the other half), one app."""
    rng = random.Random(2026)
    half = len(scans) // 2
    photos = [photo(rng, card_image(code, name), code).frame for code, name in scans[:half]]
    camera, watch = HandedFrames(), Watch()
    clock = FixedClock(TODAY.replace(hour=9, minute=50))
    app = TimedKiosk(clock, watch)
    app.camera_source = camera
    camera_ms: list[float] = []
    wedge_ms: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n, (code, name) in enumerate(scans):
            clock.set(TODAY.replace(hour=9, minute=50) + timedelta(seconds=n))
            if isinstance(app.screen, IdleScreen):
                app.screen.show_idle()
            await pilot.pause()
            watch.arm(name)
            start = time.perf_counter()
            if n < half:
                camera.frames.put(photos[n])
            else:
                post_keys(app, code)
                post_enter(app)
            await asyncio.wait_for(watch.seen.wait(), timeout=WAIT_SECONDS)
            (camera_ms if n < half else wedge_ms).append((watch.seen_at - start) * 1000)
    return camera_ms, wedge_ms


async def idle_cpu(seconds: float) -> float:
    """Share of one core the kiosk uses with the camera on and nothing in front of it."""
    frames = [p.frame for p in empty_photos(15)]
    clock = FixedClock(TODAY.replace(hour=8))
    app = TimedKiosk(clock, Watch())
    app.camera_source = ImageSource(frames, fps=15)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)  # started, first frames decoded
        wall, cpu = time.perf_counter(), time.process_time()
        await asyncio.sleep(seconds)
        used = (time.process_time() - cpu) / (time.perf_counter() - wall)
        read = app.camera.reader.frames if app.camera else 0
    print(f"idle: {read} frames read at 640x480, 15 a second, no card in view")
    return used


def report(label: str, ms: list[float]) -> None:
    print(
        f"  {label}: p50 {statistics.median(ms):6.2f} ms   p99 {pct(ms, 99):6.2f} ms   "
        f"max {max(ms):6.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scans", type=int, default=40, help="of each kind (at most 40)")
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scans = prepare(Path(tmp), args.scans)
        camera_ms, wedge_ms = asyncio.run(measure(scans))
        idle = asyncio.run(idle_cpu(args.idle_seconds))
        store.close()
    print(f"scans: {len(camera_ms)} by camera, {len(wedge_ms)} by the keyboard wedge, one app")
    print("to the parent's answer on screen:")
    report("camera (frame)", camera_ms)
    report("wedge (keys)  ", wedge_ms)
    print(
        f"  camera / wedge: p50 {statistics.median(camera_ms) / statistics.median(wedge_ms):.2f}x"
        f"   p99 {pct(camera_ms, 99) / pct(wedge_ms, 99):.2f}x"
    )
    print(f"idle with the camera on: {idle * 100:.1f}% of one core (budget < 25%)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = idle < IDLE_BUDGET
    print("budget (idle CPU under a quarter of a core): " + ("met" if ok else "NOT MET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
