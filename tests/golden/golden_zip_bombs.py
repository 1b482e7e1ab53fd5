"""Zip bombs: workbooks that unpack beyond the reader's limit, built by the test at run time, never committed."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from golden_base import T_MIN
from golden_builders import Grid, workbook

_CHUNK = 1 << 24


def _deflated_zeros(size: int) -> tuple[bytes, int, int]:
    """Raw deflate of `size` zero bytes (rounded up to 16 MiB) without holding them: (stream, crc, size)."""
    chunk = bytes(_CHUNK)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = -(-size // _CHUNK)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    return block * count + b"\x03\x00", crc, count * _CHUNK


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand, so a member's declared size can differ from what it unpacks to."""
    out = io.BytesIO()
    central = []
    for name, stream, crc, declared in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), declared, len(encoded), 0)
        )
        out.write(encoded + stream)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(stream),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def zip_bomb(variant: str, size: int) -> bytes:
    """A small real workbook plus a member of `size` zero bytes:

    - "ratio": an extra member that honestly declares its size (a few hundred MB compressed ~1000:1);
    - "declared": an extra member that honestly declares `size` (meant to be above the reader's limit);
    - "lying": the Nhiệm vụ sheet's XML unpacks to `size` but its headers declare 1 KiB.
    """
    source = zipfile.ZipFile(io.BytesIO(workbook(Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi", "VP", "Có", None, 30]]))))
    stream, crc, unpacked = _deflated_zeros(size)
    members = []
    for info in source.infolist():
        content = source.read(info.filename)
        if variant == "lying" and info.filename == "xl/worksheets/sheet1.xml":
            members.append((info.filename, stream, crc, 1024))
            continue
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        members.append(
            (info.filename, compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content))
        )
    if variant in ("ratio", "declared"):
        members.append(("xl/media/zeros.bin", stream, crc, unpacked))
    elif variant != "lying":
        raise ValueError(variant)
    return _raw_zip(members)
