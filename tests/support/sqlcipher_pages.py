"""Decrypt every page of a SQLCipher 4 file and its -wal, to search what is on disk.

Searching the raw files for a name always passes: they are encrypted. This
reads the pages as SQLite itself would see them, including free pages and
unused space inside pages, so a deleted record left behind would be found.

SQLCipher 4 defaults: 4096-byte pages; the first 16 bytes of the file are the
salt; key = PBKDF2-HMAC-SHA512(passphrase, salt, kdf_iter, 32); each page is
AES-256-CBC over [0, 4096 - 80) (page 1 from byte 16), with its IV in the 16
bytes after that and a 64-byte HMAC last.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _key(passphrase: str, salt: bytes, kdf_iter: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, kdf_iter, 32)


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    end = PAGE - RESERVE
    iv = page[end : end + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:end]) + decryptor.finalize()


def decrypted_pages(db_path: Path, passphrase: str, kdf_iter: int) -> list[bytes]:
    """Every page of the database file and every frame of its -wal, decrypted."""
    raw = db_path.read_bytes()
    key = _key(passphrase, raw[:SALT], kdf_iter)
    pages = [_decrypt_page(key, raw[at : at + PAGE], at == 0) for at in range(0, len(raw), PAGE)]
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        data = wal.read_bytes()
        at = WAL_HEADER
        while at + FRAME_HEADER + PAGE <= len(data):
            page_no = int.from_bytes(data[at : at + 4], "big")
            frame = data[at + FRAME_HEADER : at + FRAME_HEADER + PAGE]
            pages.append(_decrypt_page(key, frame, page_no == 1))
            at += FRAME_HEADER + PAGE
    return pages


def found_in_pages(pages: list[bytes], text: str) -> bool:
    # SQLite stores TEXT as UTF-8 here (the default encoding).
    needle = text.encode()
    return any(needle in page for page in pages)
