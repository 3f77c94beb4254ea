"""Photos of cards as a webcam would take them, generated from the real card renderer.

Each photo is the card's PNG (kiosk/services/cards/render.py) placed in a 640x480
grey frame: rotated up to 30 degrees, seen at an angle (perspective), blurred,
noisy, with glare or in low light, printed on a desk or shown on a phone's screen
(bright, sometimes inverted as a dark-mode photo, with the screen's moire). The
same seed gives the same photos, so a failure can be replayed.
"""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from kiosk.camera.frames import HEIGHT, WIDTH
from kiosk.services.cards.render import CardFace, render_png
from kiosk.services.cards.tokens import new_token

Grey = NDArray[np.uint8]


@dataclass(frozen=True)
class Photo:
    frame: Grey
    # The code on the card in the photo; "" for a photo without a card.
    code: str
    how: str


def card_image(code: str, first_name: str = "Sam") -> Grey:
    """The printable card, as the renderer draws it, in grey."""
    png = render_png(CardFace("Riverside Child Contact Centre", first_name, code))
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.uint8)


def _background(rng: random.Random, nrng: np.random.Generator) -> Grey:
    """A desk, a wall, a sleeve: smooth shading with some texture (drawn small, then enlarged)."""
    small = nrng.standard_normal((HEIGHT // 8, WIDTH // 8), dtype=np.float32) * 12
    small += rng.uniform(60, 190)
    small += np.linspace(-1, 1, WIDTH // 8, dtype=np.float32)[None, :] * rng.uniform(-40, 40)
    small += np.linspace(-1, 1, HEIGHT // 8, dtype=np.float32)[:, None] * rng.uniform(-40, 40)
    big = cv2.resize(small, (WIDTH, HEIGHT), interpolation=cv2.INTER_LINEAR)
    return np.clip(big, 0, 255).astype(np.uint8)


def _corners(rng: random.Random, w: int, h: int) -> np.ndarray:
    """Where the card's corners land: scaled to fit, rotated, with a perspective tilt."""
    scale = rng.uniform(300, 430) / h
    angle = np.radians(rng.uniform(-30, 30))
    cx = WIDTH / 2 + rng.uniform(-60, 60)
    cy = HEIGHT / 2 + rng.uniform(-30, 30)
    half = np.array([[-w, -h], [w, -h], [w, h], [-w, h]], dtype=np.float64) * scale / 2
    # Perspective: each corner pulled in or out by up to 8% of the card's size.
    half += np.array([[rng.uniform(-1, 1) for _ in range(2)] for _ in range(4)]) * 0.08 * h * scale
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    corners: NDArray[np.float32] = (half @ rot.T + [cx, cy]).astype(np.float32)
    return corners


def _on_phone(rng: random.Random, card: Grey) -> tuple[Grey, str]:
    """The card as a photo on a phone's screen: a black bezel, a bright screen, maybe inverted."""
    h, w = card.shape
    pad = int(h * 0.12)
    phone = np.full((h + 2 * pad, w + 2 * pad // 2), 15, dtype=np.uint8)
    shown = 255 - card if rng.random() < 0.5 else card
    phone[pad : pad + h, pad // 2 : pad // 2 + w] = shown
    return phone, "phone inverted" if shown is not card else "phone"


def _light(rng: random.Random, nrng: np.random.Generator, frame: Grey) -> tuple[Grey, str]:
    """Blur, glare or low light, moire for a screen, and sensor noise."""
    hows: list[str] = []
    out: NDArray[np.float32] = frame.astype(np.float32)
    sigma = rng.uniform(0, 1.4)
    if sigma > 0.3:
        out = np.asarray(cv2.GaussianBlur(out, (0, 0), sigma), dtype=np.float32)
        hows.append("blur")
    if rng.random() < 0.3:
        out += _glare(rng)
        hows.append("glare")
    if rng.random() < 0.3:
        out += _moire(rng.uniform(0.8, 1.6))
        hows.append("moire")
    if rng.random() < 0.3:
        # Dim light darkens the card and the screen's stripes alike.
        out *= rng.uniform(0.25, 0.5)
        hows.append("low light")
    out += _noise(rng) * rng.uniform(2, 10)
    hows.append("noise")
    return np.clip(out, 0, 255).astype(np.uint8), " ".join(hows)


def _moire(pitch: float) -> NDArray[np.float32]:
    """A screen's interference stripes: 10 * sin(x * pitch + y * 0.3), as two outer products."""
    x = np.arange(WIDTH, dtype=np.float32) * pitch
    y = np.arange(HEIGHT, dtype=np.float32) * 0.3
    return 10 * (np.outer(np.cos(y), np.sin(x)) + np.outer(np.sin(y), np.cos(x)))


@functools.cache
def _noise_field() -> NDArray[np.float32]:
    """Sensor noise for every photo, drawn once: each photo takes a window of it."""
    return np.random.default_rng(2026).standard_normal((2 * HEIGHT, 2 * WIDTH), dtype=np.float32)


def _noise(rng: random.Random) -> NDArray[np.float32]:
    top, left = rng.randrange(HEIGHT), rng.randrange(WIDTH)
    return _noise_field()[top : top + HEIGHT, left : left + WIDTH]


def _glare(rng: random.Random) -> NDArray[np.float32]:
    """A bright patch where a lamp or a window shines on the card or the screen."""
    xs = np.arange(WIDTH, dtype=np.float32) - rng.uniform(0, WIDTH)
    ys = np.arange(HEIGHT, dtype=np.float32) - rng.uniform(0, HEIGHT)
    r2 = 2 * rng.uniform(50, 120) ** 2
    # Separable: exp(-(x^2 + y^2)) is the outer product of two one-dimensional curves.
    return 110 * np.outer(np.exp(-(ys**2) / r2), np.exp(-(xs**2) / r2)).astype(np.float32)


def photo(rng: random.Random, card: Grey, code: str) -> Photo:
    """One photo of the card (already drawn) carrying code."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    frame = _background(rng, nrng)
    shown, how = _on_phone(rng, card) if rng.random() < 0.4 else (card, "printed")
    h, w = shown.shape
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, _corners(rng, w, h))
    warped = cv2.warpPerspective(shown, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full_like(shown, 255), matrix, (WIDTH, HEIGHT))
    frame = np.where(mask > 127, warped, frame)
    lit, light = _light(rng, nrng, frame)
    return Photo(lit, code, f"{how}, {light}")


def card_photos(count: int, seed: int = 21, cards: int = 8) -> Iterator[Photo]:
    """count photos of `cards` different cards, in a fixed order for a seed."""
    rng = random.Random(seed)
    codes = [_seeded_token(rng) for _ in range(cards)]
    drawn = {code: card_image(code) for code in codes}
    for n in range(count):
        code = codes[n % cards]
        yield photo(rng, drawn[code], code)


def empty_photos(count: int, seed: int = 22) -> Iterator[Photo]:
    """Frames with no card: desks, and phone screens showing text-like marks."""
    rng = random.Random(seed)
    for _ in range(count):
        nrng = np.random.default_rng(rng.getrandbits(32))
        frame = _background(rng, nrng)
        if rng.random() < 0.5:
            # Blocky marks like a printed page or a screen of icons: things a QR finder
            # might take for a code.
            blocks = (nrng.random((24, 32)) < 0.3).astype(np.uint8) * 255
            frame = np.where(
                cv2.resize(blocks, (WIDTH, HEIGHT), interpolation=cv2.INTER_NEAREST) > 0, 30, frame
            ).astype(np.uint8)
        lit, how = _light(rng, nrng, frame)
        yield Photo(lit, "", how)


def _seeded_token(rng: random.Random) -> str:
    """A well-formed card code drawn from the seed (new_token's shape, replayable)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    shape = new_token()
    return shape[:3] + "".join(rng.choice(alphabet) for _ in range(len(shape) - 3))


def two_cards(first: str, second: str) -> Grey:
    """A photo of an uncut case sheet: two parents' cards side by side in one frame."""
    left, right = card_image(first, "Gareth"), card_image(second, "Rosa")
    h, w = left.shape
    sheet = np.full((h + 40, 2 * w + 80), 255, np.uint8)
    sheet[20 : 20 + h, 20 : 20 + w] = left
    sheet[20 : 20 + h, 60 + w : 60 + 2 * w] = right
    small = cv2.resize(sheet, (WIDTH - 20, (WIDTH - 20) * sheet.shape[0] // sheet.shape[1]))
    frame = np.full((HEIGHT, WIDTH), 200, np.uint8)
    top = (HEIGHT - small.shape[0]) // 2
    frame[top : top + small.shape[0], 10 : 10 + small.shape[1]] = small
    return frame
