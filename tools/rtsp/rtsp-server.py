#!/usr/bin/python3
"""A real RTSP camera for tests, benchmarks and the demo: GStreamer's RTSP server.

Serves one or more mounts on 127.0.0.1, either live-encoded from videotestsrc (H.264 or H.265)
or from a pre-encoded MP4/MKV file so that serving costs no encoding. Prints
"READY <port>" on stdout once listening; stops on SIGTERM/SIGINT, and when its stdin closes
(so a test JVM that dies takes its cameras with it).

Must run with the Debian /usr/bin/python3, which has the gi bindings.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def live_pipeline(a):
    enc = {
        "h264": f"x264enc tune=zerolatency speed-preset=ultrafast bitrate={a.bitrate} key-int-max={a.gop} ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1",
        "h265": f"x265enc tune=zerolatency speed-preset=ultrafast bitrate={a.bitrate} key-int-max={a.gop} ! h265parse ! rtph265pay name=pay0 pt=96 config-interval=-1",
    }[a.codec]
    return (f"( videotestsrc is-live=true pattern={a.pattern} ! video/x-raw,width={a.width},height={a.height},framerate={a.fps}/1 "
            f"! {enc} )")


def file_pipeline(a):
    demux = "matroskademux" if a.file.endswith(".mkv") else "qtdemux"
    parse, pay = ("h265parse", "rtph265pay") if a.codec == "h265" else ("h264parse", "rtph264pay")
    return f"( filesrc location={a.file} ! {demux} ! {parse} ! {pay} name=pay0 pt=96 config-interval=-1 )"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--mounts", type=int, default=1, help="serve /cam0 .. /cam{N-1}")
    p.add_argument("--codec", choices=["h264", "h265"], default="h264")
    p.add_argument("--file", help="pre-encoded MP4/MKV to serve instead of live encoding")
    p.add_argument("--width", type=int, default=320)
    p.add_argument("--height", type=int, default=240)
    p.add_argument("--fps", type=int, default=25)
    p.add_argument("--gop", type=int, default=25)
    p.add_argument("--bitrate", type=int, default=500, help="kbit/s, live encoding only")
    p.add_argument("--pattern", default="ball")
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(a.port))

    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(file_pipeline(a) if a.file else live_pipeline(a))
    # Live sources are shared by every client of a mount, as a real camera's encoder is.
    factory.set_shared(True)

    if a.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", a.user)
        auth.add_digest(a.user, a.password or "", token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        server.set_auth(auth)
        perms = GstRtspServer.RTSPPermissions()
        perms.add_role_from_structure(Gst.Structure.new_from_string(
            f"{a.user}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
        factory.set_permissions(perms)

    mounts = server.get_mount_points()
    for i in range(a.mounts):
        mounts.add_factory(f"/cam{i}", factory if a.mounts == 1 else clone(factory, a))

    if server.attach(None) == 0:
        print("could not bind 127.0.0.1:%d" % a.port, file=sys.stderr)
        sys.exit(1)
    print("READY %d" % server.get_bound_port(), flush=True)

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    if not sys.stdin.isatty():
        GLib.io_add_watch(sys.stdin.fileno(), GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP,
                          lambda fd, cond: stdin_open(fd, loop))
    loop.run()


def stdin_open(fd, loop):
    import os
    if not os.read(fd, 4096):
        loop.quit()
        return False
    return True


def clone(factory, a):
    # One factory per mount: a shared factory would feed every mount from one pipeline.
    f = GstRtspServer.RTSPMediaFactory()
    f.set_launch(factory.get_launch())
    f.set_shared(True)
    if a.user:
        f.set_permissions(factory.get_permissions())
    return f


if __name__ == "__main__":
    main()
