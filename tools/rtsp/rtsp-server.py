#!/usr/bin/python3
"""A real RTSP camera for tests, benchmarks and the demo: GStreamer's RTSP server.

Serves one or more mounts on 127.0.0.1, either live-encoded from videotestsrc (H.264 or H.265)
or from pre-encoded MP4/MKV files so that serving costs no encoding (--file once for every mount,
or once per mount; with --loop each file plays forever, time running on across the loop). Prints
"READY <port>" on stdout once listening (and live mounts' encoders running: they run whether
anyone watches or not, as a camera's do); stops on SIGTERM/SIGINT, and when its stdin closes
(so a test JVM that dies takes its cameras with it).

Must run with the Debian /usr/bin/python3, which has the gi bindings.
"""
import argparse
import signal
import sys
import threading

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


def reader(path, codec):
    demux = "matroskademux" if path.endswith(".mkv") else "qtdemux"
    return f"filesrc location={path} ! {demux} ! {codec}parse"


def payloader(codec):
    return f"rtp{codec}pay name=pay0 pt=96 config-interval=-1"


def file_pipeline(a, path):
    return f"( {reader(path, a.codec)} ! {payloader(a.codec)} )"


def loop_pipeline(a):
    return f"( appsrc name=loop format=time ! {a.codec}parse ! {payloader(a.codec)} )"


class Looper:
    """Feeds one media's appsrc with the file's access units, from the top again at its end.

    Each pass is shifted to start where the last one ended, so RTP timestamps keep increasing and
    a client sees one endless stream (the file starts on a keyframe, so decoding goes on too).
    """

    def __init__(self, path, codec, appsrc):
        self.reader = Gst.parse_launch(f"{reader(path, codec)} ! appsink name=out sync=false max-buffers=16")
        self.sink = self.reader.get_by_name("out")
        self.offset = 0
        self.end = 0
        self.caps_set = False
        appsrc.connect("need-data", self.feed)
        self.reader.set_state(Gst.State.PLAYING)

    def feed(self, src, _length):
        sample = self.sink.emit("pull-sample")
        if sample is None:
            self.offset = self.end
            self.reader.seek_simple(Gst.Format.TIME, Gst.SeekFlags.FLUSH | Gst.SeekFlags.KEY_UNIT, 0)
            sample = self.sink.emit("pull-sample")
            if sample is None:
                src.emit("end-of-stream")
                return
        if not self.caps_set:
            src.set_caps(sample.get_caps())
            self.caps_set = True
        buf = sample.get_buffer().copy()
        buf.pts += self.offset
        if buf.dts != Gst.CLOCK_TIME_NONE:
            buf.dts += self.offset
        # the seek's discontinuity is the reader's, not the stream's
        buf.unset_flags(Gst.BufferFlags.DISCONT)
        self.end = max(self.end, buf.pts + (buf.duration if buf.duration != Gst.CLOCK_TIME_NONE else 0))
        src.emit("push-buffer", buf)

    def stop(self):
        self.reader.set_state(Gst.State.NULL)


LOOPERS = set()


def looping(path, codec):
    def configure(_factory, media):
        looper = Looper(path, codec, media.get_element().get_by_name("loop"))
        LOOPERS.add(looper)
        media.connect("unprepared", lambda _m: (looper.stop(), LOOPERS.discard(looper)))
    return configure


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--mounts", type=int, default=1, help="serve /cam0 .. /cam{N-1}")
    p.add_argument("--codec", choices=["h264", "h265"], default="h264")
    p.add_argument("--file", action="append",
                   help="pre-encoded MP4/MKV to serve instead of live encoding; repeat it to give mount i the i-th file")
    p.add_argument("--loop", action="store_true", help="play the files forever")
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

    perms = None
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

    mounts = server.get_mount_points()
    factories = [factory(a, a.file[i % len(a.file)] if a.file else None, perms) for i in range(a.mounts)]
    for i, f in enumerate(factories):
        mounts.add_factory(f"/cam{i}", f)

    if server.attach(None) == 0:
        print("could not bind 127.0.0.1:%d" % a.port, file=sys.stderr)
        sys.exit(1)
    port = server.get_bound_port()
    loop = GLib.MainLoop()

    errors = []

    def start():
        error = None if a.file else keep_encoding(factories, port)
        if error:
            errors.append(error)
            loop.quit()
        else:
            print("READY %d" % port, flush=True)
    threading.Thread(target=start, daemon=True).start()

    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    if not sys.stdin.isatty():
        GLib.io_add_watch(sys.stdin.fileno(), GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP,
                          lambda fd, cond: stdin_open(fd, loop))
    loop.run()
    if errors:
        print(errors[0], file=sys.stderr)
        sys.exit(1)


def stdin_open(fd, loop):
    import os
    if not os.read(fd, 4096):
        loop.quit()
        return False
    return True


HELD = []


def keep_encoding(factories, port):
    """Prepares each live mount's shared media and holds it, as a camera's encoder runs whether
    anyone watches or not. Otherwise the media is torn down when its last client leaves, and a
    DESCRIBE arriving meanwhile, or before x265 has started, is answered 503. Runs beside the
    main loop: prepare() waits for a preroll that the main loop's bus watch drives."""
    for i, f in enumerate(factories):
        _, url = GstRtsp.RTSPUrl.parse(f"rtsp://127.0.0.1:{port}/cam{i}")
        media = f.construct(url)
        if media is None or not media.prepare(None):
            return f"could not start the encoder of /cam{i}"
        HELD.append(media)
    return None


def factory(a, path, perms):
    # One factory per mount: a shared factory would feed every mount from one pipeline.
    f = GstRtspServer.RTSPMediaFactory()
    if path and a.loop:
        f.set_launch(loop_pipeline(a))
        f.connect("media-configure", looping(path, a.codec))
    else:
        f.set_launch(file_pipeline(a, path) if path else live_pipeline(a))
    # Live sources are shared by every client of a mount, as a real camera's encoder is.
    f.set_shared(True)
    if perms:
        f.set_permissions(perms)
    return f


if __name__ == "__main__":
    main()
