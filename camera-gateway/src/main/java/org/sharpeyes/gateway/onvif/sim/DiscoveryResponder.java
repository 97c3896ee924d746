package org.sharpeyes.gateway.onvif.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.sharpeyes.gateway.onvif.Ns;
import org.sharpeyes.gateway.onvif.OnvifException;
import org.sharpeyes.gateway.onvif.Soap;
import org.sharpeyes.gateway.onvif.WsDiscovery;
import org.sharpeyes.gateway.onvif.Xml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The simulator's WS-Discovery side: answers Probes on a unicast port of its host and, when a
 * multicast interface is configured, on 239.255.255.250:3702 joined on that interface only,
 * where it also sends its Hello. Multicast leaves with TTL 1 through that interface and no other.
 */
final class DiscoveryResponder {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryResponder.class);
    private static final String SCOPES = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/type/ptz "
            + "onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/location/city/sharpeyes";

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final URI xaddr;
    private final DatagramSocket unicast;
    private final DatagramSocket group;
    private final AtomicLong messageNumber = new AtomicLong();

    private DiscoveryResponder(Vertx vertx, SimulatorConfig config, URI xaddr) {
        this.vertx = vertx;
        this.config = config;
        this.xaddr = xaddr;
        DatagramSocketOptions options = new DatagramSocketOptions().setIpV6(false);
        if (config.multicastInterface() != null) {
            options.setMulticastNetworkInterface(config.multicastInterface()).setMulticastTimeToLive(1);
        }
        this.unicast = vertx.createDatagramSocket(options);
        this.group = config.multicastInterface() == null ? null
                : vertx.createDatagramSocket(new DatagramSocketOptions(options).setReuseAddress(true).setReusePort(true));
    }

    static Future<DiscoveryResponder> start(Vertx vertx, SimulatorConfig config, URI xaddr) {
        DiscoveryResponder r = new DiscoveryResponder(vertx, config, xaddr);
        r.unicast.handler(r::onPacket);
        Future<?> ready = r.unicast.listen(config.discoveryPort(), config.host());
        if (r.group != null) {
            r.group.handler(r::onPacket);
            ready = ready.compose(v -> r.group.listen(WsDiscovery.PORT, WsDiscovery.GROUP))
                    .compose(v -> r.group.listenMulticastGroup(WsDiscovery.GROUP, config.multicastInterface(), null))
                    .compose(v -> r.unicast.send(Buffer.buffer(r.hello()), WsDiscovery.PORT, WsDiscovery.GROUP));
        }
        return ready.map(v -> r).recover(e -> r.close().transform(c -> Future.failedFuture(e)));
    }

    int port() {
        return unicast.localAddress().port();
    }

    Future<Void> close() {
        return (group == null ? Future.<Void>succeededFuture() : group.close()).eventually(unicast::close);
    }

    private void onPacket(DatagramPacket packet) {
        byte[] data = packet.data().getBytes();
        String host = packet.sender().host();
        int port = packet.sender().port();
        vertx.executeBlocking(() -> answer(data), false).onSuccess(reply -> {
            if (reply != null) {
                unicast.send(Buffer.buffer(reply), port, host);
            }
        });
    }

    /** The ProbeMatches for a Probe that asks for us, else null (not a probe, or not for us). */
    private String answer(byte[] datagram) {
        try {
            Document doc = Soap.parse(datagram);
            Element header = Xml.require(Soap.envelopeOf(doc), Ns.SOAP, "Header");
            String messageId = Xml.requireText(header, Ns.WSA, "MessageID");
            Element probe = Soap.replyBody(doc, Ns.WSD, "Probe");
            String types = Xml.text(probe, Ns.WSD, "Types");
            boolean wanted = types == null || types.isBlank()
                    || Arrays.stream(types.trim().split("\\s+")).anyMatch(t -> t.endsWith("NetworkVideoTransmitter"));
            return wanted ? probeMatches(messageId) : null;
        } catch (OnvifException e) {
            LOG.debug("onvif simulator ignored datagram reason={}", e.getMessage());
            return null;
        }
    }

    private String probeMatches(String relatesTo) {
        return Soap.envelope(header(Ns.WSA + "/role/anonymous", "ProbeMatches")
                        + "<a:RelatesTo xmlns:a=\"" + Ns.WSA + "\">" + Xml.escape(relatesTo) + "</a:RelatesTo>",
                "<d:ProbeMatches xmlns:d=\"" + Ns.WSD + "\" xmlns:a=\"" + Ns.WSA + "\" xmlns:dn=\"" + Ns.NETWORK + "\">"
                        + "<d:ProbeMatch>" + endpoint() + "</d:ProbeMatch></d:ProbeMatches>");
    }

    private String hello() {
        return Soap.envelope(header("urn:schemas-xmlsoap-org:ws:2005:04:discovery", "Hello"),
                "<d:Hello xmlns:d=\"" + Ns.WSD + "\" xmlns:a=\"" + Ns.WSA + "\" xmlns:dn=\"" + Ns.NETWORK + "\">"
                        + endpoint() + "</d:Hello>");
    }

    private String header(String to, String action) {
        return "<a:MessageID xmlns:a=\"" + Ns.WSA + "\">urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:To xmlns:a=\"" + Ns.WSA + "\">" + to + "</a:To>"
                + "<a:Action xmlns:a=\"" + Ns.WSA + "\">http://schemas.xmlsoap.org/ws/2005/04/discovery/" + action + "</a:Action>"
                + "<d:AppSequence xmlns:d=\"" + Ns.WSD + "\" InstanceId=\"1\" MessageNumber=\"" + messageNumber.incrementAndGet() + "\"/>";
    }

    private String endpoint() {
        return "<a:EndpointReference><a:Address>" + Xml.escape(config.endpoint()) + "</a:Address></a:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter</d:Types>"
                + "<d:Scopes>" + SCOPES + " onvif://www.onvif.org/hardware/" + Xml.escape(config.device().model())
                + " onvif://www.onvif.org/name/" + Xml.escape(config.device().manufacturer()) + "</d:Scopes>"
                + "<d:XAddrs>" + xaddr + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>";
    }
}
