#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Property test: random command sequences against a model of the region.

Runs inside test/daxsim/run-in-sim on a topology with one region (hmem.json:
1 GiB, dax0.0 emptied first).  Each step picks a command at random
(create-device -s, destroy-device -f, reconfigure-device -s/-m,
enable-device, disable-device, on existing names and on names that do not
exist) and the model of the region predicts it: success, failure, or
either where the outcome depends on what the model does not track (memory
blocks of a system-ram device).  After every step:

  - the exit status agrees with the prediction;
  - a failed command left every device as it was;
  - a successful one left the devices the model says (sizes and modes of
    every device that has a size or a driver), and available_size is the
    region size minus the sizes;
  - the ranges (list -M) add up to each size, lie in no other device's,
    and no sanitizer or valgrind report was printed.

With PROP_FAULTS (default 0.2) of the commands a simulator fault rule fails
one of its writes (EIO, EBUSY, ENOMEM, ENXIO): the outcome is then either,
but a failure must leave every device as it was or name each one it left
changed.

Seeded and reproducible: PROP_SEED (default: random), PROP_STEPS steps per
run, PROP_RUNS runs (seeds SEED, SEED+1, ...).  Prints the seed first; on a
failure the whole sequence so far, each with its exit status, and what
differed.  Exit 0 when every run held, 1 otherwise.
"""
import json
import os
import random
import re
import shlex
import subprocess
import sys

M = 1 << 20
# share of commands run with a simulator fault rule (PROP_FAULTS)
FAULTS = float(os.environ.get("PROP_FAULTS", "0.2"))
GRANULE = 2 * M
DAXCTL = os.environ["DAXCTL"]
WRAPPER = shlex.split(os.environ.get("DAXCTL_WRAPPER", ""))
SAN = re.compile(r"^==\d+== |Sanitizer|runtime error:", re.M)


class Failure(Exception):
    pass


def daxctl(*args):
    p = subprocess.run(WRAPPER + [DAXCTL] + list(args), capture_output=True,
                       text=True, env=dict(os.environ, DAXCTL_LOCK_TIMEOUT="5"))
    if SAN.search(p.stderr):
        raise Failure("sanitizer or valgrind report:\n" + p.stderr)
    return p.returncode, p.stdout, p.stderr


def listing():
    """{name: (size, mode)} of every device with a size or a driver,
    available_size, region size, and the ranges by device."""
    rc, out, err = daxctl("list", "-RDMi")
    if rc:
        raise Failure("list failed (%d): %s" % (rc, err))
    regions = json.loads(out) if out.strip() else []
    if isinstance(regions, dict):
        regions = [regions]
    devs, ranges = {}, {}
    region = regions[0]
    for d in region.get("devices", []):
        mode = d.get("mode", "unknown")
        if d.get("state") == "disabled":
            mode = "disabled"
        ranges[d["chardev"]] = [(m["start"], m["end"])
                                for m in d.get("mappings", [])]
        if d["size"] or mode != "disabled":
            devs[d["chardev"]] = (d["size"], mode)
    # list omits available_size when it is 0, as the reference does
    return devs, region.get("available_size", 0), region["size"], ranges


class Model:
    def __init__(self, size):
        self.size = size
        self.devs = {}  # name -> [size, mode]

    def avail(self):
        return self.size - sum(s for s, _ in self.devs.values())

    def view(self):
        return {n: (s, m) for n, (s, m) in self.devs.items()
                if s or m != "disabled"}


def choose(rng, model):
    """(args, prediction, apply-on-success)."""
    names = sorted(model.devs)
    ghost = "dax0.%d" % rng.choice([9, 57, 4294967297])
    name = rng.choice(names + [ghost]) if names and rng.random() < 0.9 \
        else ghost
    size, mode = model.devs.get(name, (None, None))
    op = rng.choice(["create", "create", "destroy", "resize", "disable",
                     "enable", "ram", "devdax"])
    if op == "create":
        s = rng.choice([GRANULE, 64 * M, 128 * M, 256 * M, 384 * M,
                        model.avail(), model.avail() + GRANULE, 3 * M, 0])
        ok = s > 0 and s % GRANULE == 0 and s <= model.avail()

        def apply(out):
            made = json.loads(out)
            made = made if isinstance(made, list) else [made]
            if len(made) != 1:
                raise Failure("create-device printed %d devices" % len(made))
            new = made[0]["chardev"]
            if model.devs.get(new, (0, "disabled")) != (0, "disabled"):
                raise Failure("create-device reported %s, which exists" % new)
            model.devs[new] = [s, "devdax"]
        return ["create-device", "-s", str(s)], ok, apply
    if op == "destroy":
        pred = "either" if mode == "system-ram" else mode is not None

        def apply(out):
            if name == "dax0.0":
                model.devs[name] = [0, "disabled"]
            else:
                model.devs.pop(name, None)
        return ["destroy-device", "-f", name], pred, apply
    if op == "resize":
        s = rng.choice([0, GRANULE, 128 * M, (size or 0) + GRANULE,
                        (size or 0) + model.avail(),
                        (size or 0) + model.avail() + GRANULE, 5 * M])
        ok = mode == "disabled" and s % GRANULE == 0 and \
            s <= size + model.avail()

        def apply(out):
            model.devs[name][0] = s
        return ["reconfigure-device", "-s", str(s), name], ok, apply
    if op == "disable":
        pred = {None: False, "devdax": True, "system-ram": False}.get(
            mode, "either")

        def apply(out):
            model.devs[name][1] = "disabled"
        return ["disable-device", name], pred, apply
    if op == "enable":
        pred = {None: False, "system-ram": False, "devdax": "either"}.get(
            mode, "either" if not size else True)

        def apply(out):
            model.devs[name][1] = "devdax"
        return ["enable-device", name], pred, apply
    if op == "ram":
        pred = False if mode is None else "either"

        def apply(out):
            model.devs[name][1] = "system-ram"
        return ["reconfigure-device", "-m", "system-ram", name], pred, apply

    pred = False if mode is None else "either"

    def apply(out):
        model.devs[name][1] = "devdax"
    return ["reconfigure-device", "-f", "-m", "devdax", name], pred, apply


FAULT_PATHS = [
    "/sys/devices/platform/hmem.0/dax0.*/size",
    "/sys/devices/platform/hmem.0/dax0.*/align",
    "/sys/devices/platform/hmem.0/dax_region/create",
    "/sys/devices/platform/hmem.0/dax_region/delete",
    "/sys/bus/dax/drivers/*/bind",
    "/sys/bus/dax/drivers/*/unbind",
    "/sys/bus/dax/drivers/*/new_id",
    "/sys/devices/system/memory/memory*/state",
    "/sys/devices/system/memory/memory*/online",
]


def inject(rng):
    """Maybe fail the Nth matching write of the next command (the
    simulator's fault rules): its outcome is then unknown, but a failure
    must still leave everything as it was or name what it could not put
    back.  Returns the rule, or None."""
    ctl = os.environ.get("DAXSIM_CTL")
    if not ctl or rng.random() >= FAULTS:
        return None
    rule = "%s:%d:%s" % (rng.choice(FAULT_PATHS), rng.randint(1, 3),
                         rng.choice(["EIO", "EBUSY", "ENOMEM", "ENXIO"]))
    with open(os.path.join(ctl, "fail"), "w") as f:
        f.write(rule)
    return rule


def clear_faults():
    ctl = os.environ.get("DAXSIM_CTL")
    if ctl:
        with open(os.path.join(ctl, "fail"), "w") as f:
            f.write("clear")


def check_ranges(devs, ranges):
    spans = []
    for n, (size, _) in devs.items():
        r = ranges.get(n, [])
        total = sum(e - s + 1 for s, e in r)
        if r and total != size:
            raise Failure("%s: ranges add up to %d, size %d" % (n, total, size))
        spans += [(s, e, n) for s, e in r]
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] <= a[1]:
            raise Failure("ranges of %s and %s overlap" % (a[2], b[2]))


def one_run(seed, steps):
    rng = random.Random(seed)
    daxctl("disable-device", "dax0.0")
    daxctl("reconfigure-device", "-s", "0", "dax0.0")
    devs, avail, rsize, _ = listing()
    model = Model(rsize)
    model.devs = {n: list(v) for n, v in devs.items()}
    model.devs.setdefault("dax0.0", [0, "disabled"])
    history = []
    try:
        for _ in range(steps):
            before = listing()[0]
            args, pred, apply = choose(rng, model)
            rule = inject(rng)
            if rule:
                pred = "either"
            rc, out, err = daxctl(*args)
            clear_faults()
            history.append("%s -> %d%s" % (" ".join(args), rc,
                                           "  [fault %s]" % rule if rule else ""))
            if pred != "either" and (rc == 0) != pred:
                raise Failure("predicted %s, exit %d: %s" %
                              ("success" if pred else "failure", rc,
                               err.strip()))
            devs, avail, rsize, ranges = listing()
            if rc:
                # a failure changes nothing, or names what it left changed
                changed = [n for n in set(before) | set(devs)
                           if before.get(n) != devs.get(n)]
                unnamed = [n for n in changed
                           if not re.search(r"\b%s\b" % re.escape(n), err)]
                if unnamed:
                    raise Failure("failed, yet changed %s unnamed:\n  before %s\n  after  %s\n  stderr %s"
                                  % (unnamed, before, devs, err.strip()))
                if changed:
                    # the model follows what was left
                    model.devs = {n: list(v) for n, v in devs.items()}
                    model.devs.setdefault("dax0.0", [0, "disabled"])
                if err.strip() == "":
                    raise Failure("failed without a word")
            else:
                apply(out)
                if devs != model.view():
                    raise Failure("state differs from the model:\n  model %s\n  got   %s"
                                  % (model.view(), devs))
            if sum(s for s, _ in devs.values()) + avail != rsize:
                raise Failure("sizes %d + available %d != region %d" %
                              (sum(s for s, _ in devs.values()), avail, rsize))
            check_ranges(devs, ranges)
    except Failure as e:
        print("FAIL prop-seed-%d: %s" % (seed, e))
        print("     sequence (seed %d):" % seed)
        for h in history:
            print("       daxctl %s" % h)
        return False
    print("ok prop-seed-%d (%d steps, %d with a fault)" %
          (seed, steps, sum("[fault" in h for h in history)))
    return True


def main():
    seed = int(os.environ.get("PROP_SEED") or random.SystemRandom().randrange(1 << 31))
    steps = int(os.environ.get("PROP_STEPS", "40"))
    runs = int(os.environ.get("PROP_RUNS", "1"))
    print("# prop: seed %d, %d run(s) of %d steps (PROP_SEED=%d to repeat)"
          % (seed, runs, steps, seed))
    sys.stdout.flush()
    ok = all([one_run(seed + i, steps) for i in range(runs)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
