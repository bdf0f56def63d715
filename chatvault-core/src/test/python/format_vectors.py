#!/usr/bin/env python3
"""Independent computation of the docs/FORMAT.md §10 test vectors.

Written from docs/FORMAT.md, not from the Java code: HMAC, HKDF and SHA-256 come from the
Python standard library (hmac, hashlib); AES-256-GCM and Argon2id from the `cryptography`
package; zstd (only to check the one compressed vector) from the `zstd` command-line tool; the
FastCDC cut points of the file-recipe vector from fastcdc_vectors.py (written from §12 and the paper).
The Java known-answer tests (TestVectors and the *VectorsTest classes) assert the values printed here.

    python3 chatvault-core/src/test/python/format_vectors.py
"""
import hashlib
import hmac
import os
import shutil
import subprocess
import sys
# fastcdc_vectors.py sits beside this file and holds the chunker and the HKDF both scripts use.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fastcdc_vectors import DEFAULT, cut_points, hkdf_sha256, splitmix64_bytes  # noqa: E402

try:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:  # pragma: no cover
    AESGCM = Argon2id = None


def h(b: bytes) -> str:
    return b.hex()


# ---- §4 primitives ---------------------------------------------------------------------------
def varint(v: int) -> bytes:
    v &= (1 << 64) - 1  # a Java long, two's complement
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def svarint(v: int) -> bytes:
    return varint((v << 1) ^ (v >> 63))  # zigzag on a signed 64-bit value


def string(s: str) -> bytes:
    b = s.encode("utf-8")
    return varint(len(b)) + b


def u8(v: int) -> bytes:
    return bytes([v])


# ---- §2 keys ---------------------------------------------------------------------------------
def hmac256(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


MK = bytes(range(32))
OBJECT_ID_KEY = hkdf_sha256(MK, b"chatvault/v1/object-id")
OBJECT_KEY = hkdf_sha256(MK, b"chatvault/v1/object-encryption")
MANIFEST_KEY = hkdf_sha256(MK, b"chatvault/v1/manifest")
CHUNKING_KEY = hkdf_sha256(MK, b"chatvault/v1/chunking")

KIND = {"SEGMENT": 1, "MEDIA_CHUNK": 2, "FILE_RECIPE": 3, "CONVERSATION_INDEX": 4,
        "ROOT_MANIFEST": 5, "KEY_SLOT": 6, "THUMBNAIL": 7, "MEDIA_INDEX": 8}
STRUCTURE = {4, 5, 6}


def object_id(kind: int, plain: bytes) -> bytes:
    return hmac256(OBJECT_ID_KEY, bytes([kind]) + plain)


def object_key(kind: int, oid: bytes) -> bytes:
    return hmac256(MANIFEST_KEY if kind in STRUCTURE else OBJECT_KEY, oid)


MIN_CLASS = 256


def size_class(n: int) -> int:
    """§3.5.1, from the text: the class of a payload of n bytes. At least MIN_CLASS; above it
    Padme: with E = floor(log2 n), round n up to a multiple of 2^(E - floor(log2 E) - 1)."""
    if n <= MIN_CLASS:
        return MIN_CLASS
    e = n.bit_length() - 1
    s = e.bit_length()  # floor(log2 e) + 1
    step = 1 << (e - s)
    return -(-n // step) * step


def frame_of(payload: bytes) -> bytes:
    """length:u32 || payload || zeros, the payload and zeros filling its class."""
    return len(payload).to_bytes(4, "big") + payload + bytes(size_class(len(payload)) - len(payload))


def seal(kind: int, plain: bytes, nonce: bytes, payload: bytes | None = None, compression: int = 0, version: int = 2):
    """payload/compression: pass the zstd frame for a compressed object (zstd output is not
    something this script reproduces; it is checked by decompressing instead). version 1 is the
    unpadded format that objects written before §3.5.1 have."""
    oid = object_id(kind, plain)
    if payload is None:
        payload = plain
    aad = bytes([version, kind, compression]) + oid
    data = frame_of(payload) if version == 2 else payload
    ct = AESGCM(object_key(kind, oid)).encrypt(nonce, data, aad)
    return oid, b"CV" + bytes([version, kind, compression]) + nonce + ct


def zstd_frame_of(plain: bytes) -> bytes:
    """zstd -3 without checksum; the CLI writes the content size like the library does."""
    r = subprocess.run(["zstd", "-3", "--no-check", "-q", "-c", "--stream-size=%d" % len(plain)],
                       input=plain, capture_output=True, check=True)
    return r.stdout


def unzstd(frame: bytes) -> bytes:
    return subprocess.run(["zstd", "-d", "-q", "-c"], input=frame, capture_output=True, check=True).stdout


# ---- §6 segment ------------------------------------------------------------------------------
def message(mid, sent, prev, sender, mtype, text=None, attachments=(), reply=None, fwd=None, edited=None):
    flags = (1 if text is not None else 0) | (2 if reply is not None else 0) | (4 if fwd is not None else 0) \
        | (8 if edited is not None else 0) | (16 if attachments else 0)
    out = string(mid) + svarint(sent - prev) + string(sender) + u8(mtype) + u8(flags)
    if text is not None: out += string(text)
    if reply is not None: out += string(reply)
    if fwd is not None: out += string(fwd)
    if edited is not None: out += svarint(edited - sent)
    if attachments:
        out += varint(len(attachments))
        for (cid, name, mime, size, thumb) in attachments:
            out += string(cid) + string(name) + string(mime) + varint(size) + string(thumb or "")
    return out


T0 = 1709251200000  # 2024-03-01T00:00:00Z
SEGMENT = u8(1) + string("chat-42") + varint(3) \
    + message("m1", T0, 0, "alice", 1, text="hi \u2615") \
    + message("m2", T0 + 5000, T0, "bob", 2,
              attachments=[("sha256:ab", "cat.jpg", "image/jpeg", 123456, "thumb-1")], reply="m1") \
    + message("m3", T0 + 5000, T0 + 5000, "alice", 1, text="look", fwd="chan-7", edited=T0 + 65000)

GREETING = "good morning, good morning, good morning!"
SEGMENT_REPETITIVE = u8(1) + string("chat-42") + varint(4) + b"".join(
    message("g%d" % i, T0 + 60000 * i, 0 if i == 0 else T0 + 60000 * (i - 1), "alice", 1, text=GREETING)
    for i in range(4))

# ---- §7 conversation index -------------------------------------------------------------------
SEGMENT_ID = object_id(KIND["SEGMENT"], SEGMENT)
INDEX = u8(1) + string("chat-42") + u8(2) + string("Family \U0001F3E0") + varint(3) \
    + string("alice") + string("bob") + string("carol") + varint(1) \
    + SEGMENT_ID + varint(202403) + varint(T0) + varint(5000) + varint(3) + varint(len(SEGMENT))
INDEX_ID = object_id(KIND["CONVERSATION_INDEX"], INDEX)

# ---- §8 root manifest ------------------------------------------------------------------------
MANIFEST = u8(1) + varint(1) + string("chat-42") + varint(T0 + 65000) + varint(3) + INDEX_ID
MANIFEST_ID = object_id(KIND["ROOT_MANIFEST"], MANIFEST)

# ---- §8 root manifest, schema 2: version 7, replacing the schema-1 manifest above -----------------
MANIFEST2 = u8(2) + varint(7) + u8(1) + MANIFEST_ID + varint(1) + string("chat-42") + varint(T0 + 65000) + varint(3) + INDEX_ID
MANIFEST2_ID = object_id(KIND["ROOT_MANIFEST"], MANIFEST2)
MANIFEST2_FIRST = u8(2) + varint(1) + u8(0) + varint(0)  # version 1 of an empty vault, no previous root

# ---- §8.1 root manifest, schema 3: R2 with history before March 2024 expired, learnt at T0 + 86,400,000
MANIFEST3 = u8(3) + MANIFEST2[1:] + varint(202403) + svarint(T0 + 86400000)
MANIFEST3_ID = object_id(KIND["ROOT_MANIFEST"], MANIFEST3)

# ---- §7.1 conversation index, schema 3: index I without media, metadata changed at T0 + 2000,
# history before T0 + 1000 deleted, and message "m3" at T0 + 65000 deleted
INDEX3 = u8(3) + INDEX[1:] + varint(0) + svarint(T0 + 2000) + u8(1) + svarint(T0 + 1000) + varint(1) + svarint(T0 + 65000) + string("m3")
INDEX3_ID = object_id(KIND["CONVERSATION_INDEX"], INDEX3)

MEDIA = bytes(range(100))

# ---- §13 file recipe -------------------------------------------------------------------------
# The file is the first 1,600,000 bytes of the §12.5 input random16m, cut with the product
# parameters; the cut points come from fastcdc_vectors.py (itself written from §12 and the paper).

FILE = splitmix64_bytes(2016, 1_600_000)
FILE_CUTS = cut_points(FILE, *DEFAULT)
FILE_CHUNKS = [FILE[a:b] for a, b in zip([0] + FILE_CUTS[:-1], FILE_CUTS)]
RECIPE = u8(1) + varint(len(FILE)) + varint(len(FILE_CHUNKS)) + b"".join(
    object_id(KIND["MEDIA_CHUNK"], c) + varint(len(c)) for c in FILE_CHUNKS)
RECIPE_ID = object_id(KIND["FILE_RECIPE"], RECIPE)

# ---- §14 media index -------------------------------------------------------------------------
THUMB = bytes(range(32))  # the thumbnail of "sha256:ab", a THUMBNAIL object
FILE_ROLE, THUMBNAIL_ROLE = 1, 2
SINGLE, RECIPE_SHAPE = 1, 2
MEDIA_REFS = [  # (contentId, role, shape, objectId, size)
    ("video-1", FILE_ROLE, RECIPE_SHAPE, RECIPE_ID, len(FILE)),
    ("sha256:ab", THUMBNAIL_ROLE, SINGLE, object_id(KIND["THUMBNAIL"], THUMB), len(THUMB)),
    ("sha256:ab", FILE_ROLE, SINGLE, object_id(KIND["MEDIA_CHUNK"], MEDIA), len(MEDIA)),
]
# sorted by the UTF-8 bytes of contentId, then the role code
MEDIA_INDEX = u8(1) + string("chat-42") + varint(202403) + varint(len(MEDIA_REFS)) + b"".join(
    string(cid) + u8(role) + u8(shape) + oid + varint(size)
    for cid, role, shape, oid, size in sorted(MEDIA_REFS, key=lambda r: (r[0].encode("utf-8"), r[1])))
MEDIA_INDEX_ID = object_id(KIND["MEDIA_INDEX"], MEDIA_INDEX)

# ---- §15 conversation index, schema 2 ----------------------------------------------------------
INDEX2 = u8(2) + INDEX[1:] + varint(1) + varint(202403) + MEDIA_INDEX_ID
INDEX2_ID = object_id(KIND["CONVERSATION_INDEX"], INDEX2)


def main() -> int:
    out = {}
    out["objectIdKey"] = h(OBJECT_ID_KEY)
    out["objectKey"] = h(OBJECT_KEY)
    out["manifestKey"] = h(MANIFEST_KEY)
    out["chunkingKey"] = h(CHUNKING_KEY)
    # §12.2 keyed gear table of that chunkingKey (fastcdc_vectors.py also computes it, with cut points)
    keyed_gear = [hmac256(CHUNKING_KEY, b"chatvault/v1/fastcdc-gear" + bytes([i]))[:8] for i in range(256)]
    out["keyedGear[0]"] = h(keyed_gear[0])
    out["keyedGear[1]"] = h(keyed_gear[1])
    out["keyedGear[255]"] = h(keyed_gear[255])
    out["varint(300)"] = h(varint(300))
    out["varint(-1)"] = h(varint(-1))
    out["svarint(-1)"] = h(svarint(-1))
    out["svarint(1)"] = h(svarint(1))
    out["svarint(-64)"] = h(svarint(-64))
    out["svarint(64)"] = h(svarint(64))
    out["segment"] = h(SEGMENT)
    out["segment.id"] = h(SEGMENT_ID)
    out["segmentRepetitive"] = h(SEGMENT_REPETITIVE)
    out["segmentRepetitive.id"] = h(object_id(1, SEGMENT_REPETITIVE))
    out["index"] = h(INDEX)
    out["index.id"] = h(INDEX_ID)
    out["manifest"] = h(MANIFEST)
    out["manifest.id"] = h(MANIFEST_ID)
    out["media.id"] = h(object_id(KIND["MEDIA_CHUNK"], MEDIA))
    out["manifest.key"] = h(object_key(5, MANIFEST_ID))
    out["segment.key"] = h(object_key(1, SEGMENT_ID))
    out["file.sha256"] = hashlib.sha256(FILE).hexdigest()
    out["file.cuts"] = ",".join(map(str, FILE_CUTS))
    for i, c in enumerate(FILE_CHUNKS):
        out["file.chunk%d.id" % i] = h(object_id(KIND["MEDIA_CHUNK"], c))
    out["recipe"] = h(RECIPE)
    out["recipe.id"] = h(RECIPE_ID)
    out["thumbnail.id"] = h(object_id(KIND["THUMBNAIL"], THUMB))
    out["mediaIndex"] = h(MEDIA_INDEX)
    out["mediaIndex.id"] = h(MEDIA_INDEX_ID)
    out["mediaIndex.key"] = h(object_key(KIND["MEDIA_INDEX"], MEDIA_INDEX_ID))
    out["index2"] = h(INDEX2)
    out["index2.id"] = h(INDEX2_ID)
    out["manifest2"] = h(MANIFEST2)
    out["manifest2.id"] = h(MANIFEST2_ID)
    out["manifest2.first"] = h(MANIFEST2_FIRST)
    out["manifest3"] = h(MANIFEST3)
    out["manifest3.id"] = h(MANIFEST3_ID)
    out["index3"] = h(INDEX3)
    out["index3.id"] = h(INDEX3_ID)

    if AESGCM is None:
        print("cryptography is not importable: AES-GCM and Argon2id vectors not computed", file=sys.stderr)
    else:
        # Version 2 (padded) and version 1 (before padding, still read) of each sealed vector.
        for v, suffix in ((2, ""), (1, ".v1")):
            # A: root manifest, 49 bytes <= 64: never compressed; manifest key.
            _, body = seal(5, MANIFEST, bytes(range(0xa0, 0xac)), version=v)
            out["sealA" + suffix + ".body"] = h(body)
            out["sealA" + suffix + ".sha256"] = hashlib.sha256(body).hexdigest()
            # C: media chunk, 100 bytes 00..63 that zstd cannot shrink: stored uncompressed; object key.
            _, body = seal(2, MEDIA, bytes(range(0xc0, 0xcc)), version=v)
            out["sealC" + suffix + ".body"] = h(body)
            out["sealC" + suffix + ".sha256"] = hashlib.sha256(body).hexdigest()
            # B: repetitive segment, compressed. The zstd frame is the Java library's output; here we
            # (1) compare it with the zstd CLI's, (2) check it decompresses to the plaintext, and (3)
            # re-encrypt it independently.
            if shutil.which("zstd"):
                frame = zstd_frame_of(SEGMENT_REPETITIVE)
                assert unzstd(frame) == SEGMENT_REPETITIVE
                out["segmentRepetitive.zstdCli"] = h(frame)
                oid, body = seal(1, SEGMENT_REPETITIVE, bytes(range(0xb0, 0xbc)), payload=frame, compression=1, version=v)
                out["sealB" + suffix + ".body(with CLI frame)"] = h(body)
                out["sealB" + suffix + ".sha256(with CLI frame)"] = hashlib.sha256(body).hexdigest()
        # D: a media chunk of 100,000 bytes of random16m, stored as is: a frame past the smallest class.
        d = splitmix64_bytes(2016, 100_000)
        _, body = seal(2, d, bytes(range(0xd0, 0xdc)))
        out["sealD.id"] = h(object_id(2, d))
        out["sealD.length"] = str(len(body))
        out["sealD.sha256"] = hashlib.sha256(body).hexdigest()
        out["sealD.tag"] = h(body[-16:])
        for n in (0, 49, 77, 100, 256, 257, 272, 273, 1000, 65_536, 65_537, 100_000, 262_144, 262_145, 1_048_576,
                  1_548_262, 4_194_304, 8_126_464, 8_126_465, 8 * 1024 * 1024):
            out["class(%d)" % n] = str(size_class(n))

        # §5 key slots
        def slot(kind, params, wrap, nonce):
            header = bytes([1, kind]) + params
            return header + nonce + AESGCM(wrap).encrypt(nonce, MK, b"chatvault-keyslot" + header)

        rk = bytes(range(0x20, 0x40))
        out["recovery.display"] = "-".join(h(rk)[i:i + 4] for i in range(0, 64, 4))
        out["recovery.wrap"] = h(hkdf_sha256(rk, b"chatvault/v1/slot/recovery"))
        out["recovery.slot"] = h(slot(1, b"", hkdf_sha256(rk, b"chatvault/v1/slot/recovery"), bytes(range(0x10, 0x1c))))
        # device slot sealed to an X25519 key (§5.2): device private key 60..7f, ephemeral 80..9f
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
        raw = lambda k: k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        dev = X25519PrivateKey.from_private_bytes(bytes(range(0x60, 0x80)))
        eph = X25519PrivateKey.from_private_bytes(bytes(range(0x80, 0xa0)))
        dpk, epk = raw(dev), raw(eph)
        shared = eph.exchange(dev.public_key())
        assert shared == dev.exchange(eph.public_key())
        dwrap = hkdf_sha256(shared, b"chatvault/v1/slot/device-x25519" + epk + dpk)
        out["device.public"] = h(dpk)
        out["device.ephemeralPublic"] = h(epk)
        out["device.shared"] = h(shared)
        out["device.wrap"] = h(dwrap)
        out["device.slot"] = h(slot(3, epk, dwrap, bytes(range(0x20, 0x2c))))
        # approval code (§5.7) of that device key and the vault signing key of MK
        vpk = raw(Ed25519PrivateKey.from_private_bytes(hkdf_sha256(MK, b"chatvault/v1/vault-signing")))
        bits = int.from_bytes(hkdf_sha256(dpk + vpk, b"chatvault/v1/approval-code", 5), "big")
        alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        sym = "".join(alphabet[(bits >> (5 * i)) & 31] for i in range(7, -1, -1))
        out["vault.signingPublic"] = h(vpk)
        out["approval.code"] = sym[:4] + "-" + sym[4:]
        salt = bytes(range(0x30, 0x40))
        pw = "correct horse battery staple \u2713".encode("utf-8")
        wrap = Argon2id(salt=salt, length=32, iterations=1, lanes=1, memory_cost=64).derive(pw)
        params = salt + (64).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes([1])
        out["passphrase.wrap"] = h(wrap)
        out["passphrase.slot"] = h(slot(2, params, wrap, bytes(range(0x40, 0x4c))))
        lsalt = hashlib.sha256(b"chatvault/v1/login:" + "Alice".lower().encode("utf-8")).digest()[:16]
        out["login.salt"] = h(lsalt)
        out["login.secret"] = h(Argon2id(salt=lsalt, length=32, iterations=2, lanes=1, memory_cost=19 * 1024)
                                .derive("hunter2".encode("utf-8")))
    for k, v in out.items():
        print(f"{k} = {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
