#!/usr/bin/env python3
"""Independent computation of the FastCDC cut-point vectors of docs/FORMAT.md §12.

Written from the FastCDC paper (Xia et al., USENIX ATC 2016, Algorithm 1, normalized chunking
level 2) and docs/FORMAT.md §12, not from the Java code: one byte per step, Python integers
masked to 64 bits, SHA-256, HMAC and HKDF from hashlib/hmac. It is slow on purpose (no tricks to
get wrong). The last two lines are the keyed gear table of §12.2 for a fixed test chunking key
(derived from the §10.1 master key) and the cut points it gives on random16m.

    python3 chatvault-core/src/test/python/fastcdc_vectors.py > \
        chatvault-core/src/test/resources/org/chatvault/core/chunking/fastcdc-vectors.txt

The Java test FastCdcVectorsTest regenerates the inputs and asserts every cut listed.
"""
import hashlib
import hmac
import struct
import sys

M64 = (1 << 64) - 1
KIB, MIB = 1024, 1024 * 1024

GEAR_LABEL = b"chatvault/v1/fastcdc-gear"
GEAR = [int.from_bytes(hashlib.sha256(GEAR_LABEL + bytes([i])).digest()[:8], "big") for i in range(256)]


def hkdf_sha256(ikm, info, length=32):
    """RFC 5869 with an empty salt, as docs/FORMAT.md §2."""
    prk = hmac.new(b"", ikm, hashlib.sha256).digest()
    okm, t, i = b"", b"", 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:length]


def keyed_gear(chunking_key):
    """§12.2 keyed table: first 8 bytes, big-endian, of HMAC-SHA256(chunkingKey, label ‖ u8(i))."""
    return [int.from_bytes(hmac.new(chunking_key, GEAR_LABEL + bytes([i]), hashlib.sha256).digest()[:8], "big")
            for i in range(256)]


# The test chunking key: HKDF(MK, "chatvault/v1/chunking") of the §10.1 master key 000102…1f.
TEST_MK = bytes(range(32))
TEST_CHUNKING_KEY = hkdf_sha256(TEST_MK, b"chatvault/v1/chunking")
KEYED_GEAR = keyed_gear(TEST_CHUNKING_KEY)


def masks(avg):
    bits = avg.bit_length() - 1
    assert 1 << bits == avg
    top = lambda n: (M64 << (64 - n)) & M64  # the n most significant bits of a 64-bit word
    return top(bits + 2), top(bits - 2)


def next_cut(data, start, end, mn, avg, mx, gear=GEAR):
    """Length of the chunk at data[start:end]; end is the end of the data. Paper's Algorithm 1."""
    n = end - start
    if n <= mn:
        return n
    if n > mx:
        n = mx
    normal = min(avg, n)
    mask_s, mask_l = masks(avg)
    fp = 0
    i = mn
    while i < normal:
        fp = ((fp << 1) + gear[data[start + i]]) & M64
        if fp & mask_s == 0:
            return i
        i += 1
    while i < n:
        fp = ((fp << 1) + gear[data[start + i]]) & M64
        if fp & mask_l == 0:
            return i
        i += 1
    return n


def cut_points(data, mn, avg, mx, gear=GEAR):
    """End offsets of all chunks; the last equals len(data)."""
    cuts, pos = [], 0
    while pos < len(data):
        pos += next_cut(data, pos, len(data), mn, avg, mx, gear)
        cuts.append(pos)
    return cuts


def splitmix64_bytes(seed, length):
    """SplitMix64 (Steele, Lea, Flood 2014) from `seed`; each output word written little-endian."""
    state, words = seed, []
    for _ in range((length + 7) // 8):
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        words.append(z ^ (z >> 31))
    return struct.pack("<%dQ" % len(words), *words)[:length]


SEED = 2016
RANDOM = splitmix64_bytes(SEED, 16 * MIB)
DEFAULT = (256 * KIB, 1 * MIB, 4 * MIB)
SMALL = (2 * KIB, 8 * KIB, 32 * KIB)


def main():
    out = sys.stdout
    out.write("# FastCDC cut points (docs/FORMAT.md §12.5), written by src/test/python/fastcdc_vectors.py\n")
    out.write("# each vector line: name params=min/avg/max length=N cuts=end offsets of every chunk\n")
    table = b"".join(g.to_bytes(8, "big") for g in GEAR)
    out.write("gear[0]=%016x gear[1]=%016x gear[255]=%016x sha256(gear)=%s\n"
              % (GEAR[0], GEAR[1], GEAR[255], hashlib.sha256(table).hexdigest()))
    for avg in (8 * KIB, 1 * MIB):
        s, l = masks(avg)
        out.write("masks avg=%d maskS=%016x maskL=%016x\n" % (avg, s, l))
    out.write("random16m sha256=%s\n" % hashlib.sha256(RANDOM).hexdigest())
    vectors = [
        ("random16m-default", RANDOM, DEFAULT),
        ("zero16m-default", bytes(16 * MIB), DEFAULT),
        ("random16m-small", RANDOM, SMALL),
        ("zero100k-small", bytes(100_000), SMALL),
        ("random1000-small", RANDOM[:1000], SMALL),
        ("random2049-small", RANDOM[:2049], SMALL),
    ]
    for name, data, params in vectors:
        cuts = cut_points(data, *params)
        out.write("%s params=%d/%d/%d length=%d cuts=%s\n"
                  % (name, *params, len(data), ",".join(map(str, cuts))))
        out.flush()
    # The keyed table of an account (§12.2), for the test chunking key above.
    keyed = b"".join(g.to_bytes(8, "big") for g in KEYED_GEAR)
    out.write("keyed chunkingKey=%s gear[0]=%016x gear[1]=%016x gear[255]=%016x sha256(gear)=%s\n"
              % (TEST_CHUNKING_KEY.hex(), KEYED_GEAR[0], KEYED_GEAR[1], KEYED_GEAR[255], hashlib.sha256(keyed).hexdigest()))
    cuts = cut_points(RANDOM, *DEFAULT, gear=KEYED_GEAR)
    out.write("keyed-random16m-default params=%d/%d/%d length=%d cuts=%s\n"
              % (*DEFAULT, len(RANDOM), ",".join(map(str, cuts))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
