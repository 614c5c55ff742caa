#!/usr/bin/env python3
"""Expected `lorikeet toa` output, produced by seed 001's own script logic
(its get_toa and its print statements, ported to Python 3 unchanged in
format strings and label padding, and round() emulating Python 2's rounding
half away from zero). One case per block: "$ args", then the output lines.

Run: python3 toa_seed_output.py > toa-seed-output.txt
"""
import argparse
import math
import sys
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/LoRaPHYTests/Fixtures")
from generate_airtime_vectors import get_toa  # noqa: E402  (the seed's formula)


def py2_round3(x):
    return float(Decimal(x).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def seed_main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("n_sf", type=int)
    p.add_argument("n_size", type=int)
    p.add_argument("--band-width", dest="n_bw", type=int, default=125)
    p.add_argument("--disable-auto-ldro", action="store_false", dest="enable_auto_ldro")
    p.add_argument("--enable-ldro", action="store_true", dest="enable_ldro")
    p.add_argument("--disable-eh", action="store_false", dest="enable_eh")
    p.add_argument("--downlink", action="store_false", dest="enable_crc")
    p.add_argument("--disable-crc", action="store_false", dest="enable_crc")
    p.add_argument("--cr", dest="n_cr", type=int, default=1)
    p.add_argument("--preamble", dest="n_preamble", type=int, default=8)
    p.add_argument("-v", action="store_true", dest="f_verbose", default=False)
    p.add_argument("-d", action="append_const", dest="_f_debug", default=[], const=1)
    opt = p.parse_args(argv)
    opt.debug_level = len(opt._f_debug)
    kw = dict(n_bw=opt.n_bw, enable_auto_ldro=opt.enable_auto_ldro, enable_ldro=opt.enable_ldro,
              enable_eh=opt.enable_eh, enable_crc=opt.enable_crc, n_cr=opt.n_cr, n_preamble=opt.n_preamble)
    ret = get_toa(opt.n_size, opt.n_sf, **kw)
    ret["t_packet"] = py2_round3(ret["t_packet"])
    out = []
    if opt.f_verbose:
        out.append("PHY payload size    : %d Bytes" % opt.n_size)
        out.append("MAC payload size    : %d Bytes" % (opt.n_size - 5))
        out.append("Spreading Factor    : %d" % opt.n_sf)
        out.append("Band width          : %d kHz" % opt.n_bw)
        out.append("Low data rate opt.  : %s" % ("enable" if ret["v_DE"] else "disable"))
        out.append("Explicit header     : %s" % ("enable" if opt.enable_eh else "disable"))
        out.append("CR (coding rate)    : %d (4/%d)" % (opt.n_cr, 4 + opt.n_cr))
        out.append("Symbol Rate         : %.3f symbol/s" % ret["r_sym"])
        out.append("Symbol Time         : %.3f msec/symbol" % ret["t_sym"])
        out.append("Preamble size       : %d symbols" % opt.n_preamble)
        out.append("Packet symbol size  : %d symbols" % ret["n_payload"])
        out.append("Preamble ToA        : %.3f msec" % ret["t_preamble"])
        out.append("Payload ToA         : %.3f msec" % ret["t_payload"])
        out.append("Time on Air         : %.3f msec" % ret["t_packet"])
        if opt.debug_level:
            ret0 = get_toa(0, opt.n_sf, **kw)
            ret0["t_packet"] = py2_round3(ret0["t_packet"])
            out.append("PHY PL=0 ToA        : %.3f msec" % (ret0["t_packet"]))
            t0 = (ret["t_packet"] - ret0["t_packet"]) / 1000.
            out.append("PHY fr.dr.(48b) 7:15: %.3f bps" % ((8. * opt.n_size + 48) / t0))
            out.append("MAC frame DR        : %.3f bps" % ((8. * (opt.n_size)) / t0))
            out.append("Ceil(x)             : %.3f" % ret["v_ceil"])
    else:
        out.append("%.3f" % ret["t_packet"])
    return out


CASES = [
    "7 20", "12 51", "8 13 --band-width 250", "10 100 --cr 4", "12 255 --disable-auto-ldro",
    "12 255 --disable-auto-ldro --enable-ldro", "7 30 --enable-ldro", "9 64 --disable-eh",
    "11 22 --downlink", "6 10 --disable-crc --disable-eh", "7 1 --preamble 12", "10 33 --band-width 500",
    "7 20 -v", "12 51 -v", "12 51 -v -d", "8 0 -v", "7 242 --band-width 500 --cr 3 -v -d",
    "11 59 --disable-auto-ldro --enable-ldro --downlink --preamble 10 -v -d", "9 17 --disable-eh -v -d -d",
]

if __name__ == "__main__":
    for case in CASES:
        print("$ " + case)
        for line in seed_main(case.split()):
            print(line)
