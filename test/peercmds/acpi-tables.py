#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ACPI tables for the split-acpi tests, as "acpixtract -a" leaves them.

  acpi-tables.py make CASE DIR         write srat.dat, slit.dat, nfit.dat
  acpi-tables.py check DIR PXM NODES   check DIR/*.dat.new against DIR/*.dat
  acpi-tables.py unpad FILE            drop an NFIT's zero-filled tail (the
                                       reference's output) and reseal it

check verifies what a split must be, independently of any implementation:
sealed tables, the domain's capacity shared equally by it and NODES-1 new
domains numbered after the SRAT's highest, a SLIT where the new domains
see the world as the old one did, and an NFIT whose range and maps are cut
the same way.  It prints one line per problem and exits 1 if there was any.
"""
import os
import struct
import sys

G = 1 << 30
PMEM = bytes.fromhex('79d3f066f3b47440ac430d3318b78cdb')


def seal(sig, body, rev, oem_rev=1):
    hdr = struct.pack('<4sIBB6s8sI4sI', sig, 36 + len(body), rev, 0,
                      b'DAXCTL', b'SPLITTST', oem_rev, b'TEST', 1)
    t = bytearray(hdr + body)
    t[9] = (-sum(t)) & 0xff
    return bytes(t)


def cpu(pxm, apic):
    return struct.pack('<BBBBIB3BI', 0, 16, pxm & 0xff, apic, 1, 0,
                       (pxm >> 8) & 0xff, (pxm >> 16) & 0xff, pxm >> 24, 0)


def x2apic(pxm, apic):
    return struct.pack('<BBHIIIII', 2, 24, 0, pxm, apic, 1, 0, 0)


def mem(pxm, base, length, flags=1):
    return struct.pack('<BBIHQQIIQ', 1, 40, pxm, 0, base, length, 0, flags, 0)


def spa(index, pxm, base, length):
    return struct.pack('<HHHHII16sQQQ', 0, 56, index, 2, 0, pxm, PMEM,
                       base, length, 0x8008)


def memdev(handle, region_id, spa_index, size, offset=0, dpa=0):
    return struct.pack('<HHIHHHHQQQHHHH', 1, 48, handle, handle & 0xffff,
                       region_id, spa_index, 1, size, offset, dpa, 0, 1, 0, 0)


def srat(entries):
    return seal(b'SRAT', struct.pack('<IQ', 1, 0) + b''.join(entries), 3)


def slit(rows):
    flat = bytes(d for row in rows for d in row)
    return seal(b'SLIT', struct.pack('<Q', len(rows)) + flat, 1)


def nfit(entries):
    return seal(b'NFIT', struct.pack('<I', 0) + b''.join(entries), 1)


def dist(n, far=20):
    return [[10 if i == j else far + i + j for j in range(n)]
            for i in range(n)]


# name: (srat entries, slit rows, nfit entries)
CASES = {
    # a pmem domain (pxm 2) with two interleaved DIMMs, as qemu builds it
    'pmem': ([cpu(0, 0), cpu(1, 1), mem(0, 0, 0xa0000),
              mem(0, 0x100000, 2 * G - 0x100000), mem(1, 4 * G, 4 * G),
              mem(2, 8 * G, 4 * G, 5)],
             dist(3),
             [spa(1, 2, 8 * G, 4 * G), memdev(1, 0, 1, 2 * G),
              memdev(2, 0, 1, 2 * G)]),
    # the domain's range is not the first NFIT structure; other maps have
    # the highest region id; an odd size; a remote DIMM offset
    'mixed': ([cpu(0, 0), mem(0, 0, 2 * G), mem(4, 12 * G, 2 * G),
               mem(1, 4 * G, 6 * G + 4097), cpu(3, 2)],
              dist(5),
              [spa(2, 4, 12 * G, 2 * G), memdev(3, 7, 2, 2 * G),
               spa(1, 1, 4 * G, 6 * G + 4097),
               memdev(1, 2, 1, 3 * G, 0x1000, 0x5000),
               memdev(2, 5, 1, 3 * G, 0, 0x2000)]),
    # no NFIT range in the domain: only SRAT and SLIT change
    'dram': ([cpu(0, 0), cpu(1, 1), mem(0, 0, 2 * G), mem(1, 4 * G, 4 * G)],
             [[10, 21], [21, 10]],
             [spa(1, 1, 5 * G, 1 * G), memdev(1, 0, 1, 1 * G)]),
    # the split domain's own distance is not the local 10
    'far-self': ([cpu(0, 0), mem(0, 0, 2 * G), mem(1, 4 * G, 2 * G)],
                 [[10, 20], [20, 12]],
                 [spa(1, 1, 4 * G, 2 * G), memdev(1, 0, 1, 2 * G)]),
    # the SLIT has more localities than the SRAT has domains
    'big-slit': ([cpu(0, 0), mem(0, 0, 2 * G), mem(1, 4 * G, 2 * G)],
                 dist(3),
                 [spa(1, 1, 4 * G, 2 * G), memdev(1, 0, 1, 2 * G)]),
    # an x2APIC in domain 5: new domains must start after it (the
    # reference counts only local APIC and memory entries)
    'x2apic': ([cpu(0, 0), x2apic(5, 9), mem(0, 0, 2 * G),
                mem(1, 4 * G, 2 * G)],
               dist(6),
               [spa(1, 1, 4 * G, 2 * G), memdev(1, 0, 1, 2 * G)]),
    # bad inputs
    'short-slit': ([cpu(0, 0), mem(0, 0, 2 * G), mem(3, 4 * G, 2 * G)],
                   dist(2),
                   [spa(1, 3, 4 * G, 2 * G), memdev(1, 0, 1, 2 * G)]),
    'two-ranges': ([cpu(0, 0), mem(0, 0, 2 * G), mem(1, 4 * G, 2 * G)],
                   dist(2),
                   [spa(1, 1, 4 * G, 2 * G), spa(2, 1, 4 * G, 2 * G),
                    memdev(1, 0, 1, 2 * G)]),
    'empty-nfit': ([cpu(0, 0), mem(0, 0, 2 * G), mem(1, 4 * G, 2 * G)],
                   dist(2), []),
}


def make(case, d):
    s, l, n = CASES[case]
    os.makedirs(d, exist_ok=True)
    for name, data in (('srat', srat(s)), ('slit', slit(l)),
                       ('nfit', nfit(n))):
        with open(os.path.join(d, name + '.dat'), 'wb') as f:
            f.write(data)


def subs(t, first, wide):
    off = first
    while off < len(t):
        if wide:
            typ, ln = struct.unpack_from('<HH', t, off)
        else:
            typ, ln = t[off], t[off + 1]
        if ln == 0 or off + ln > len(t):
            raise ValueError('bad sub-table at %#x' % off)
        yield typ, t[off:off + ln]
        off += ln


problems = []


def want(cond, what):
    if not cond:
        problems.append(what)


def load(d, name):
    with open(os.path.join(d, name), 'rb') as f:
        return f.read()


def check_header(old, new, sig):
    want(new[:4] == sig.encode(), sig + ': signature')
    want(struct.unpack_from('<I', new, 4)[0] == len(new), sig + ': length')
    want(sum(new) & 0xff == 0, sig + ': checksum')
    want(struct.unpack_from('<I', new, 24)[0] ==
         struct.unpack_from('<I', old, 24)[0] + 1, sig + ': oem revision')
    want(new[10:24] == old[10:24], sig + ': oem ids')


def srat_pxm(typ, e):
    if typ == 0:
        return e[2] | e[9] << 8 | e[10] << 16 | e[11] << 24
    if typ == 1:
        return struct.unpack_from('<I', e, 2)[0]
    if typ == 2:
        return struct.unpack_from('<I', e, 4)[0]
    return None


def check(d, pxm, nodes):
    old, new = load(d, 'srat.dat'), load(d, 'srat.dat.new')
    check_header(old, new, 'SRAT')
    old_mem = [e for t, e in subs(old, 48, False) if t == 1]
    pxms = [srat_pxm(t, e) for t, e in subs(old, 48, False)]
    first = max(p for p in pxms if p is not None) + 1
    (base, length), = [struct.unpack_from('<QQ', e, 8) for e in old_mem
                       if srat_pxm(1, e) == pxm]
    size = length // nodes
    ranges = {}
    for t, e in subs(new, 48, False):
        if t == 1:
            p = srat_pxm(1, e)
            ranges.setdefault(p, []).append(struct.unpack_from('<QQ', e, 8))
    want(ranges.get(pxm) == [(base, size)], 'SRAT: domain %d keeps its '
         'first 1/%d: %s' % (pxm, nodes, ranges.get(pxm)))
    for k in range(1, nodes):
        want(ranges.get(first + k - 1) == [(base + k * size, size)],
             'SRAT: new domain %d' % (first + k - 1))
    want(len(new) == len(old) + (nodes - 1) * 40, 'SRAT: size')

    old, new = load(d, 'slit.dat'), load(d, 'slit.dat.new')
    check_header(old, new, 'SLIT')
    n0 = struct.unpack_from('<Q', old, 36)[0]
    n1 = struct.unpack_from('<Q', new, 36)[0]
    want(n1 == first + nodes - 1, 'SLIT: %d localities' % n1)
    want(len(new) == 44 + n1 * n1, 'SLIT: size')

    def o(i, j):
        return old[44 + i * n0 + j]

    def n(i, j):
        return new[44 + i * n1 + j]
    near = max(o(pxm, pxm), 11)
    for i in range(n1):
        for j in range(n1):
            oi, oj = (i if i < first else pxm), (j if j < first else pxm)
            if i == j:
                w = o(i, i) if i < first else 10
            elif i >= first and j >= first:
                w = 11
            elif oi == pxm and oj == pxm:
                w = near
            else:
                w = o(oi, oj)
            want(n(i, j) == w, 'SLIT: distance %d-%d is %d, not %d'
                 % (i, j, n(i, j), w))

    old = load(d, 'nfit.dat')
    ranges = [e for t, e in subs(old, 40, True) if t == 0 and
              struct.unpack_from('<IQQ', e, 12)[0] == pxm and
              struct.unpack_from('<QQ', e, 32) == (base, length)]
    if not os.path.exists(os.path.join(d, 'nfit.dat.new')):
        want(not ranges, 'NFIT: not split')
        return
    new = load(d, 'nfit.dat.new')
    check_header(old, new, 'NFIT')
    try:
        new_subs = list(subs(new, 40, True))
    except ValueError as err:
        problems.append('NFIT: ' + str(err))
        return
    index = struct.unpack_from('<H', ranges[0], 4)[0]
    old_maps = [e for t, e in subs(old, 40, True)
                if t == 1 and struct.unpack_from('<H', e, 12)[0] == index]
    spas = {struct.unpack_from('<H', e, 4)[0]: e
            for t, e in new_subs if t == 0}
    got = {}
    for idx, e in spas.items():
        p, b, ln = struct.unpack_from('<I', e, 12)[0], \
            *struct.unpack_from('<QQ', e, 32)
        got.setdefault(p, []).append((b, ln, idx))
    want([g[:2] for g in got.get(pxm, [])] == [(base, size)],
         'NFIT: range of domain %d' % pxm)
    for k in range(1, nodes):
        r = got.get(first + k - 1, [])
        want([g[:2] for g in r] == [(base + k * size, size)],
             'NFIT: range of new domain %d' % (first + k - 1))
        if not r:
            continue
        maps = [e for t, e in new_subs if t == 1 and
                struct.unpack_from('<H', e, 12)[0] == r[0][2]]
        want(len(maps) == len(old_maps), 'NFIT: maps of domain %d'
             % (first + k - 1))
        for m, om in zip(maps, old_maps):
            msize = struct.unpack_from('<Q', om, 16)[0] // nodes
            want(struct.unpack_from('<QQ', m, 16) ==
                 (msize, struct.unpack_from('<Q', om, 24)[0] + k * msize),
                 'NFIT: map size and offset')
            want(m[4:8] == om[4:8], 'NFIT: map device handle')
    ids = [(struct.unpack_from('<I', e, 4)[0], struct.unpack_from('<H', e, 10)[0])
           for t, e in new_subs if t == 1]
    want(len(set(ids)) == len(ids), 'NFIT: (handle, region id) unique')


def unpad(path):
    t = bytearray(load(os.path.dirname(path) or '.', os.path.basename(path)))
    off = 40
    while off + 4 <= len(t):
        ln = struct.unpack_from('<H', t, off + 2)[0]
        if ln == 0:
            break
        off += ln
    end = off
    if any(t[end:]):
        sys.exit('%s: the tail is not zero-filled' % path)
    t = t[:end]
    struct.pack_into('<I', t, 4, end)
    t[9] = 0
    t[9] = (-sum(t)) & 0xff
    with open(path, 'wb') as f:
        f.write(t)


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'check':
        check(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        for p in problems:
            print(p)
        sys.exit(1 if problems else 0)
    elif sys.argv[1] == 'unpad':
        unpad(sys.argv[2])
    else:
        sys.exit(__doc__)
