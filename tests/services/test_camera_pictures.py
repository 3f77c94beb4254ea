"""The picture source (`kiosk run --camera FOLDER`) with pictures no camera would give:
an oversized picture is refused from its header, before it is decoded, and the folder's
pictures are read one at a time, never all held at once."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import pytest

from kiosk.camera.frames import HEIGHT, WIDTH, CameraUnavailable, ImageSource
from tests.support.card_photos import card_photos


def _blank_png(path: Path, width: int, height: int) -> None:
    """A grey PNG of any size written row by row: a 16000x16000 picture is a few hundred
    kilobytes on disk (half a gigabyte once decoded), and never whole in this test's memory."""
    squeeze = zlib.compressobj(9)
    row = b"\0" + b"\x80" * width
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
    path.write_bytes(png + chunk(b"IEND", b""))


@pytest.mark.parametrize("size", [(5000, 4000), (16000, 16000)], ids=["20Mpx", "256Mpx"])
def test_an_oversized_picture_is_refused_before_it_is_decoded(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    folder = tmp_path / "camera"
    folder.mkdir()
    _blank_png(folder / "000-huge.png", *size)
    shot = next(card_photos(1, seed=6))
    cv2.imwrite(str(folder / "001-card.png"), shot.frame)
    source = ImageSource(folder=folder, loop=False)
    source.open()
    assert source.read().shape == (HEIGHT, WIDTH)
    with pytest.raises(CameraUnavailable, match="ran out"):
        source.read()


def test_a_folder_of_only_oversized_pictures_is_a_camera_with_no_card_in_view(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "camera"
    folder.mkdir()
    _blank_png(folder / "000.png", 8000, 8000)
    source = ImageSource(folder=folder)
    source.open()
    assert not source.read().any()


def test_pictures_are_read_one_at_a_time_as_they_are_played(tmp_path: Path) -> None:
    # Held all at once, a folder of pictures is as large as all of them decoded; read
    # as each is played, a picture changed meanwhile is the one seen.
    folder = tmp_path / "camera"
    folder.mkdir()
    first, second = card_photos(2, seed=7)
    cv2.imwrite(str(folder / "000.png"), first.frame)
    source = ImageSource(folder=folder)
    source.open()
    cv2.imwrite(str(folder / "000.png"), second.frame)
    assert (source.read() == second.frame).all()
