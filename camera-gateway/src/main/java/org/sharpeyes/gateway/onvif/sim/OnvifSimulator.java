package org.sharpeyes.gateway.onvif.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sharpeyes.gateway.onvif.Ns;
import org.sharpeyes.gateway.onvif.OnvifException;
import org.sharpeyes.gateway.onvif.PtzVelocity;
import org.sharpeyes.gateway.onvif.Soap;
import org.sharpeyes.gateway.onvif.WsSecurity;
import org.sharpeyes.gateway.onvif.Xml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * A Profile S camera for tests and the demo: device, media and PTZ services over real ONVIF
 * SOAP with WS-Security digest authentication checked against its own (optionally offset) clock,
 * optionally HTTP Digest on top (as many real cameras ask), and WS-Discovery on loopback. Its streams point wherever the config says (an RTSP test server).
 */
public final class OnvifSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifSimulator.class);
    private static final Set<String> PATHS = Set.of("/onvif/device_service", "/onvif/media_service", "/onvif/ptz_service");
    /** Operations ONVIF lets anyone call (access class PRE_AUTH). */
    private static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime", "GetCapabilities", "GetServices");
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final Duration CREATED_WINDOW = Duration.ofMinutes(5);
    private static final int NONCES_KEPT = 4096;

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final HttpServer server;
    private final PtzState ptz = new PtzState();
    private final Set<String> recentNonces = new LinkedHashSet<>();
    private final DigestGuard digest;
    private volatile SimulatorXml xml;
    private volatile DiscoveryResponder discovery;

    private OnvifSimulator(Vertx vertx, SimulatorConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.digest = new DigestGuard(config.user(), config.password());
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.httpPort()));
    }

    public static Future<OnvifSimulator> start(Vertx vertx, SimulatorConfig config) {
        OnvifSimulator sim = new OnvifSimulator(vertx, config);
        sim.server.requestHandler(sim::onRequest);
        return sim.server.listen().compose(s -> {
            sim.xml = new SimulatorXml(config, URI.create("http://" + config.host() + ":" + s.actualPort()));
            if (config.discoveryPort() < 0) {
                return Future.succeededFuture(sim);
            }
            return DiscoveryResponder.start(vertx, config, sim.xml.deviceUri()).map(d -> {
                sim.discovery = d;
                return sim;
            });
        }).onSuccess(sim2 -> LOG.info("onvif simulator started url={} discoveryPort={} multicast={}", sim.deviceServiceUrl(),
                sim.discoveryPort(), config.multicastInterface()));
    }

    /** http://host:port/onvif/device_service */
    public URI deviceServiceUrl() {
        return xml.deviceUri();
    }

    /** The unicast WS-Discovery port, -1 when discovery is off. */
    public int discoveryPort() {
        return discovery == null ? -1 : discovery.port();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Where the simulated head is now, and what it does. */
    public PtzSnapshot ptz() {
        return ptz.snapshot(Instant.now());
    }

    /** How many HTTP Digest challenges (401s) were sent; with {@code httpDigest} off always 0. */
    public int digestChallenges() {
        return digest.challenges();
    }

    /** Forgets the issued Digest nonces: the next request with an old one gets 401 with stale=true. */
    public void expireDigestNonces() {
        digest.expireNonces();
    }

    public Future<Void> stop() {
        DiscoveryResponder d = discovery;
        return (d == null ? Future.<Void>succeededFuture() : d.close()).compose(v -> server.close());
    }

    @Override
    public void close() {
        stop().await();
    }

    private Instant deviceNow() {
        return Instant.now().plus(config.clockOffset());
    }

    private void onRequest(HttpServerRequest req) {
        if (req.method() != HttpMethod.POST || !PATHS.contains(req.path()) || xml == null) {
            req.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("not found");
            return;
        }
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_REQUEST_BYTES) {
                req.response().setStatusCode(413).putHeader("Content-Type", "text/plain").end("request too large")
                        .onComplete(v -> req.connection().close());
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (req.response().ended()) {
                return;
            }
            if (config.httpDigest()) {
                DigestGuard.Refusal refusal = digest.refusal(req.method().name(), req.uri(), req.getHeader("Authorization"));
                if (refusal != null) {
                    LOG.info("onvif simulator http digest refused path={} reason={}", req.path(), refusal.reason());
                    req.response().setStatusCode(401).putHeader("WWW-Authenticate", digest.challenge(refusal.stale()))
                            .putHeader("Content-Type", "text/html").end("<html><body>401 Unauthorized</body></html>");
                    return;
                }
            }
            vertx.executeBlocking(() -> handle(body.getBytes()), false).onComplete(ar -> {
                Reply r = ar.succeeded() ? ar.result()
                        : new Reply(500, Soap.fault("Receiver", "Action", "internal error: " + ar.cause().getMessage()));
                req.response().setStatusCode(r.status())
                        .putHeader("Content-Type", "application/soap+xml; charset=utf-8")
                        .end(Buffer.buffer(r.xml().getBytes(StandardCharsets.UTF_8)));
            });
        });
    }

    private record Reply(int status, String xml) {
        static Reply ok(String body) {
            return new Reply(200, Soap.envelope("", body));
        }

        static Reply sender(String subcode, String reason) {
            return new Reply(400, Soap.fault("Sender", subcode, reason));
        }
    }

    private Reply handle(byte[] body) {
        Element envelope;
        Element op;
        try {
            envelope = Soap.envelopeOf(Soap.parse(body));
            op = Xml.firstElement(Xml.require(envelope, Ns.SOAP, "Body"));
        } catch (OnvifException e) {
            return Reply.sender("WellFormed", e.getMessage());
        }
        if (op == null) {
            return Reply.sender("WellFormed", "empty Body");
        }
        String name = op.getLocalName();
        Instant now = deviceNow();
        if (!PRE_AUTH.contains(name)) {
            String refusal = refusal(envelope, now);
            if (refusal != null) {
                LOG.info("onvif simulator refused op={} reason={}", name, refusal);
                return Reply.sender("NotAuthorized", "Sender not Authorized");
            }
        }
        try {
            return switch (String.valueOf(op.getNamespaceURI())) {
                case Ns.DEVICE -> device(name);
                case Ns.MEDIA -> media(name, op);
                case Ns.PTZ -> config.ptz() ? ptz(name, op, now) : notSupported(name);
                default -> notSupported(name);
            };
        } catch (OnvifException | IllegalArgumentException | DateTimeParseException e) {
            return Reply.sender("InvalidArgVal", e.getMessage());
        }
    }

    private Reply device(String name) {
        return switch (name) {
            case "GetSystemDateAndTime" -> Reply.ok(xml.systemDateAndTime(deviceNow()));
            case "GetDeviceInformation" -> Reply.ok(xml.deviceInformation());
            case "GetCapabilities" -> Reply.ok(xml.capabilities());
            case "GetServices" -> config.getServices() ? Reply.ok(xml.services()) : notSupported(name);
            default -> notSupported(name);
        };
    }

    private Reply media(String name, Element op) {
        return switch (name) {
            case "GetProfiles" -> Reply.ok(xml.profiles());
            case "GetVideoSources" -> Reply.ok(xml.videoSources());
            case "GetStreamUri" -> Reply.ok(xml.mediaUri(name, stream(Xml.requireText(op, Ns.MEDIA, "ProfileToken")).uri()));
            case "GetSnapshotUri" -> {
                stream(Xml.requireText(op, Ns.MEDIA, "ProfileToken"));
                yield config.snapshotUri() == null ? notSupported(name) : Reply.ok(xml.mediaUri(name, config.snapshotUri()));
            }
            default -> notSupported(name);
        };
    }

    private Reply ptz(String name, Element op, Instant now) {
        stream(Xml.requireText(op, Ns.PTZ, "ProfileToken"));
        Instant real = Instant.now();
        switch (name) {
            case "ContinuousMove" -> {
                Element v = Xml.require(op, Ns.PTZ, "Velocity");
                Element panTilt = Xml.child(v, Ns.SCHEMA, "PanTilt");
                Element zoom = Xml.child(v, Ns.SCHEMA, "Zoom");
                String timeout = Xml.text(op, Ns.PTZ, "Timeout");
                ptz.move(new PtzVelocity(number(panTilt, "x"), number(panTilt, "y"), number(zoom, "x")),
                        timeout == null ? null : Duration.parse(timeout), real);
                return Reply.ok(SimulatorXml.wrap("tptz", name, ""));
            }
            case "Stop" -> {
                ptz.stop(real);
                return Reply.ok(SimulatorXml.wrap("tptz", name, ""));
            }
            case "GetPresets" -> {
                return Reply.ok(SimulatorXml.presets(ptz.presets()));
            }
            case "SetPreset" -> {
                String token = ptz.setPreset(Xml.requireText(op, Ns.PTZ, "PresetName"), real);
                return Reply.ok(SimulatorXml.wrap("tptz", name, "<tptz:PresetToken>" + Xml.escape(token) + "</tptz:PresetToken>"));
            }
            case "GotoPreset", "RemovePreset" -> {
                String token = Xml.requireText(op, Ns.PTZ, "PresetToken");
                boolean known = name.equals("GotoPreset") ? ptz.gotoPreset(token, real) : ptz.removePreset(token);
                return known ? Reply.ok(SimulatorXml.wrap("tptz", name, ""))
                        : Reply.sender("InvalidArgVal", "no preset " + token);
            }
            case "GetStatus" -> {
                return Reply.ok(SimulatorXml.status(ptz.snapshot(real), now));
            }
            default -> {
                return notSupported(name);
            }
        }
    }

    private StreamSpec stream(String profileToken) {
        if (SimulatorXml.MAIN_TOKEN.equals(profileToken)) {
            return config.main();
        }
        if (SimulatorXml.SUB_TOKEN.equals(profileToken) && config.sub() != null) {
            return config.sub();
        }
        throw new IllegalArgumentException("no profile " + profileToken);
    }

    private static double number(Element e, String attribute) {
        String v = e == null ? "" : e.getAttribute(attribute);
        return v.isEmpty() ? 0 : Double.parseDouble(v);
    }

    private static Reply notSupported(String name) {
        return new Reply(400, Soap.fault("Receiver", "ActionNotSupported", name + " is not supported by the simulator"));
    }

    /** Why the UsernameToken is refused, or null when it is good. */
    private String refusal(Element envelope, Instant deviceNow) {
        Element header = Xml.child(envelope, Ns.SOAP, "Header");
        Element security = header == null ? null : Xml.child(header, Ns.WSSE, "Security");
        Element token = security == null ? null : Xml.child(security, Ns.WSSE, "UsernameToken");
        if (token == null) {
            return "no UsernameToken";
        }
        Element password = Xml.child(token, Ns.WSSE, "Password");
        String user = Xml.text(token, Ns.WSSE, "Username");
        String nonce = Xml.text(token, Ns.WSSE, "Nonce");
        String created = Xml.text(token, Ns.WSU, "Created");
        if (password == null || user == null || nonce == null || created == null) {
            return "incomplete UsernameToken";
        }
        if (!Ns.PASSWORD_DIGEST.equals(password.getAttribute("Type"))) {
            return "password type is not PasswordDigest";
        }
        Instant createdAt;
        byte[] nonceBytes;
        try {
            createdAt = Instant.parse(created);
            nonceBytes = Base64.getDecoder().decode(nonce);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return "unreadable Created or Nonce";
        }
        if (Duration.between(createdAt, deviceNow).abs().compareTo(CREATED_WINDOW) > 0) {
            return "Created " + created + " is more than " + CREATED_WINDOW.toMinutes() + " min from device time " + deviceNow;
        }
        String expected = WsSecurity.digest(nonceBytes, created, config.password());
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                password.getTextContent().trim().getBytes(StandardCharsets.US_ASCII));
        if (!match || !config.user().equals(user)) {
            return "wrong user or password";
        }
        synchronized (recentNonces) {
            if (!recentNonces.add(nonce)) {
                return "replayed nonce";
            }
            if (recentNonces.size() > NONCES_KEPT) {
                recentNonces.remove(recentNonces.iterator().next());
            }
        }
        return null;
    }
}
