package org.sharpeyes.gateway.onvif;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sharpeyes.common.Urls;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * An ONVIF device seen through its device service URL. Every call is asynchronous and bounded by
 * {@link OnvifSettings}; failures are {@link OnvifException}s. Call {@link #readClock()} first (as
 * {@link #info()} does): the learned clock offset dates the WS-Security tokens in the device's time,
 * so a device whose clock is off still accepts the digest.
 */
public final class OnvifClient {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifClient.class);

    private final SoapHttp soap;
    private final URI deviceService;
    private final Credentials credentials;
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile Services services;

    /** {@code credentials} may be null for devices that allow anonymous access. */
    public OnvifClient(Vertx vertx, HttpClient http, URI deviceService, Credentials credentials, OnvifSettings settings) {
        this.soap = new SoapHttp(vertx, http, settings, credentials);
        this.deviceService = deviceService;
        this.credentials = credentials;
    }

    public URI deviceService() {
        return deviceService;
    }

    /** Device clock minus local clock, as last read. */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** Unauthenticated GetSystemDateAndTime; remembers the offset for later tokens. */
    public Future<ClockReading> readClock() {
        long sentNanos = System.nanoTime();
        Instant sent = Instant.now();
        return call(deviceService, Ns.DEVICE, "GetSystemDateAndTime", "", false, OnvifClient::readDeviceTime)
                .map(deviceTime -> {
                    // The device answered somewhere between send and receive: take the midpoint.
                    Instant localMid = sent.plusNanos((System.nanoTime() - sentNanos) / 2);
                    Duration skew = Duration.ofSeconds(Math.round((deviceTime.toEpochMilli() - localMid.toEpochMilli()) / 1000.0));
                    clockOffset = skew;
                    return new ClockReading(deviceTime, skew);
                });
    }

    public Future<DeviceInfo> deviceInformation() {
        return call(deviceService, Ns.DEVICE, "GetDeviceInformation", "", true, r -> new DeviceInfo(
                Xml.text(r, Ns.DEVICE, "Manufacturer"), Xml.text(r, Ns.DEVICE, "Model"),
                Xml.text(r, Ns.DEVICE, "FirmwareVersion"), Xml.text(r, Ns.DEVICE, "SerialNumber"),
                Xml.text(r, Ns.DEVICE, "HardwareId")));
    }

    /**
     * Where the media, PTZ and imaging services live (never assumed): GetServices, or GetCapabilities
     * on older devices that answer GetServices with a fault or an HTTP error page. Cached.
     */
    public Future<Services> services() {
        Services known = services;
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return call(deviceService, Ns.DEVICE, "GetServices", "<tds:IncludeCapability>false</tds:IncludeCapability>", true,
                r -> readServices(r, deviceService))
                .recover(e -> {
                    if (!(e instanceof OnvifException o && (o.kind() == Kind.FAULT || o.kind() == Kind.NOT_ONVIF))) {
                        return Future.failedFuture(e);
                    }
                    LOG.debug("onvif GetServices refused, asking GetCapabilities url={} reason={}",
                            Urls.mask(deviceService.toString()), o.reason());
                    return call(deviceService, Ns.DEVICE, "GetCapabilities", "<tds:Category>All</tds:Category>", true,
                            r -> readCapabilities(r, deviceService));
                })
                .onSuccess(s -> services = s);
    }

    /** Video profiles with their RTSP (RTP-Unicast) stream URI and snapshot URI. */
    public Future<List<Profile>> profiles() {
        return services().compose(s -> call(s.media(), Ns.MEDIA, "GetProfiles", "", true, OnvifClient::readProfiles)
                .compose(raw -> {
                    List<Future<Profile>> each = new ArrayList<>();
                    for (Profile p : raw) {
                        each.add(streamUri(s.media(), p.token()).compose(stream -> snapshotUri(s.media(), p.token())
                                .map(snapshot -> new Profile(p.token(), p.name(), p.encoding(), p.width(), p.height(),
                                        p.fps(), p.ptz(), stream, snapshot))));
                    }
                    return Future.all(each).map(all -> all.<Profile>list());
                }));
    }

    public Future<List<Preset>> presets(String profileToken) {
        return ptz().compose(url -> call(url, Ns.PTZ, "GetPresets", profileToken(profileToken), true, r -> {
            List<Preset> out = new ArrayList<>();
            for (Element p : Xml.children(r, Ns.PTZ, "Preset")) {
                out.add(new Preset(p.getAttribute("token"), Xml.text(p, Ns.SCHEMA, "Name")));
            }
            return out;
        }));
    }

    /** Stores the current position under {@code name}; the device's token for it. */
    public Future<String> setPreset(String profileToken, String name) {
        return ptz().compose(url -> call(url, Ns.PTZ, "SetPreset",
                profileToken(profileToken) + "<tptz:PresetName>" + Xml.escape(name) + "</tptz:PresetName>", true,
                r -> Xml.requireText(r, Ns.PTZ, "PresetToken")));
    }

    public Future<Void> gotoPreset(String profileToken, String presetToken) {
        return ptz().compose(url -> call(url, Ns.PTZ, "GotoPreset",
                profileToken(profileToken) + "<tptz:PresetToken>" + Xml.escape(presetToken) + "</tptz:PresetToken>", true,
                r -> null));
    }

    /** Starts moving; the device stops by itself after {@code timeout} when one is given (null: until {@link #stop}). */
    public Future<Void> continuousMove(String profileToken, PtzVelocity v, Duration timeout) {
        String body = profileToken(profileToken)
                + "<tptz:Velocity><tt:PanTilt x=\"" + v.pan() + "\" y=\"" + v.tilt() + "\"/><tt:Zoom x=\"" + v.zoom() + "\"/></tptz:Velocity>"
                + (timeout == null ? "" : "<tptz:Timeout>" + timeout + "</tptz:Timeout>");
        return ptz().compose(url -> call(url, Ns.PTZ, "ContinuousMove", body, true, r -> null));
    }

    public Future<Void> stop(String profileToken) {
        return ptz().compose(url -> call(url, Ns.PTZ, "Stop",
                profileToken(profileToken) + "<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom>", true, r -> null));
    }

    /** Clock, identity, services, profiles with URIs and PTZ support, in that order. */
    public Future<OnvifInfo> info() {
        return readClock().compose(clock -> services().compose(s -> deviceInformation().compose(device -> profiles()
                .compose(profiles -> ptzSupport(s, profiles)
                        .map(ptz -> new OnvifInfo(deviceService, device, clock, s, profiles, ptz))))));
    }

    private Future<PtzSupport> ptzSupport(Services s, List<Profile> profiles) {
        Profile steerable = s.ptz() == null ? null
                : profiles.stream().filter(Profile::ptz).max((a, b) -> Long.compare(a.pixels(), b.pixels())).orElse(null);
        if (steerable == null) {
            return Future.succeededFuture(PtzSupport.NONE);
        }
        return presets(steerable.token()).map(p -> new PtzSupport(true, steerable.token(), List.copyOf(p)));
    }

    private Future<URI> ptz() {
        return services().compose(s -> s.ptz() != null ? Future.succeededFuture(s.ptz())
                : Future.failedFuture(new OnvifException(Kind.FAULT, "the device has no PTZ service")));
    }

    private Future<String> streamUri(URI media, String token) {
        String body = "<trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol>"
                + "</tt:Transport></trt:StreamSetup><trt:ProfileToken>" + Xml.escape(token) + "</trt:ProfileToken>";
        return call(media, Ns.MEDIA, "GetStreamUri", body, true, OnvifClient::mediaUri);
    }

    /** Null when the device refuses snapshots for this profile (an ordinary fault); other failures propagate. */
    private Future<String> snapshotUri(URI media, String token) {
        return call(media, Ns.MEDIA, "GetSnapshotUri", "<trt:ProfileToken>" + Xml.escape(token) + "</trt:ProfileToken>",
                true, OnvifClient::mediaUri)
                .recover(e -> e instanceof OnvifException o && o.kind() == Kind.FAULT
                        ? Future.succeededFuture(null) : Future.failedFuture(e));
    }

    private <T> Future<T> call(URI url, String ns, String operation, String inner, boolean authenticate,
                               Function<Element, T> reader) {
        String header = authenticate && credentials != null
                ? WsSecurity.header(credentials.user(), credentials.password(), Instant.now().plus(clockOffset))
                : "";
        String body = "<" + prefix(ns) + ":" + operation + " xmlns:tds=\"" + Ns.DEVICE + "\" xmlns:trt=\"" + Ns.MEDIA
                + "\" xmlns:tptz=\"" + Ns.PTZ + "\" xmlns:tt=\"" + Ns.SCHEMA + "\">" + inner
                + "</" + prefix(ns) + ":" + operation + ">";
        return soap.post(url, ns + "/" + operation, Soap.envelope(header, body),
                doc -> reader.apply(Soap.replyBody(doc, ns, operation + "Response")));
    }

    private static String prefix(String ns) {
        return switch (ns) {
            case Ns.DEVICE -> "tds";
            case Ns.MEDIA -> "trt";
            case Ns.PTZ -> "tptz";
            default -> throw new IllegalArgumentException(ns);
        };
    }

    private static String profileToken(String token) {
        return "<tptz:ProfileToken>" + Xml.escape(token) + "</tptz:ProfileToken>";
    }

    static Instant readDeviceTime(Element r) {
        Element sdt = Xml.require(r, Ns.DEVICE, "SystemDateAndTime");
        // UTC is what the tokens need; a device that only gives local time is read as if it were UTC.
        Element dt = Xml.child(sdt, Ns.SCHEMA, "UTCDateTime");
        if (dt == null) {
            dt = Xml.require(sdt, Ns.SCHEMA, "LocalDateTime");
        }
        Element date = Xml.require(dt, Ns.SCHEMA, "Date");
        Element time = Xml.require(dt, Ns.SCHEMA, "Time");
        try {
            return LocalDateTime.of(Xml.requireInt(date, Ns.SCHEMA, "Year"), Xml.requireInt(date, Ns.SCHEMA, "Month"),
                    Xml.requireInt(date, Ns.SCHEMA, "Day"), Xml.requireInt(time, Ns.SCHEMA, "Hour"),
                    Xml.requireInt(time, Ns.SCHEMA, "Minute"), Xml.requireInt(time, Ns.SCHEMA, "Second")).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new OnvifException(Kind.MALFORMED, "invalid device date/time: " + Xml.abbreviate(e.getMessage()));
        }
    }

    static List<Profile> readProfiles(Element r) {
        List<Profile> out = new ArrayList<>();
        for (Element p : Xml.children(r, Ns.MEDIA, "Profiles")) {
            Element enc = Xml.child(p, Ns.SCHEMA, "VideoEncoderConfiguration");
            if (enc == null) {
                continue; // audio or metadata only: nothing to pull
            }
            String token = p.getAttribute("token");
            if (token.isEmpty()) {
                throw new OnvifException(Kind.MALFORMED, "a media profile has no token");
            }
            Element res = Xml.require(enc, Ns.SCHEMA, "Resolution");
            Element rate = Xml.child(enc, Ns.SCHEMA, "RateControl");
            out.add(new Profile(token, Xml.text(p, Ns.SCHEMA, "Name"), Xml.requireText(enc, Ns.SCHEMA, "Encoding"),
                    Xml.requireInt(res, Ns.SCHEMA, "Width"), Xml.requireInt(res, Ns.SCHEMA, "Height"),
                    rate == null ? 0 : Xml.requireInt(rate, Ns.SCHEMA, "FrameRateLimit"),
                    Xml.child(p, Ns.SCHEMA, "PTZConfiguration") != null, null, null));
        }
        return out;
    }

    private static String mediaUri(Element r) {
        return Xml.requireText(Xml.require(r, Ns.MEDIA, "MediaUri"), Ns.SCHEMA, "Uri");
    }

    static Services readServices(Element r, URI deviceService) {
        Map<String, String> byNamespace = new HashMap<>();
        for (Element service : Xml.children(r, Ns.DEVICE, "Service")) {
            byNamespace.putIfAbsent(Xml.requireText(service, Ns.DEVICE, "Namespace"), Xml.requireText(service, Ns.DEVICE, "XAddr"));
        }
        URI media2 = xaddr("Media2", byNamespace.get(Ns.MEDIA2));
        URI media = xaddr("Media", byNamespace.get(Ns.MEDIA));
        if (media == null) {
            throw new OnvifException(Kind.MALFORMED, "GetServices lists no ver10 Media service"
                    + (media2 == null ? "" : " (only Media2, which this client does not speak)"));
        }
        URI device = xaddr("Device", byNamespace.get(Ns.DEVICE));
        return new Services(device == null ? deviceService : device, media, media2, xaddr("PTZ", byNamespace.get(Ns.PTZ)),
                xaddr("Imaging", byNamespace.get(Ns.IMAGING)), "GetServices");
    }

    static Services readCapabilities(Element r, URI deviceService) {
        Element caps = Xml.require(r, Ns.DEVICE, "Capabilities");
        URI media = capability(caps, "Media");
        if (media == null) {
            throw new OnvifException(Kind.MALFORMED, "GetCapabilities lists no Media service");
        }
        URI device = capability(caps, "Device");
        return new Services(device == null ? deviceService : device, media, null, capability(caps, "PTZ"),
                capability(caps, "Imaging"), "GetCapabilities");
    }

    private static URI capability(Element caps, String service) {
        Element s = Xml.child(caps, Ns.SCHEMA, service);
        return s == null ? null : xaddr(service, Xml.requireText(s, Ns.SCHEMA, "XAddr"));
    }

    /** Null stays null (service not offered); anything else must be an http(s) URL with a host. */
    private static URI xaddr(String service, String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new OnvifException(Kind.MALFORMED, service + " XAddr is not a usable URL: " + Xml.abbreviate(text));
        }
    }
}
