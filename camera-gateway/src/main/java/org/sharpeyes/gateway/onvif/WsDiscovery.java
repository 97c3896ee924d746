package org.sharpeyes.gateway.onvif;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-Discovery for ONVIF: Probe / ProbeMatches, and reading Hello announcements. */
public final class WsDiscovery {
    public static final String GROUP = "239.255.255.250";
    public static final int PORT = 3702;
    static final String PROBE_ACTION = "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe";
    /** Datagrams kept per probe: a flood of replies cannot grow memory without bound. */
    private static final int MAX_REPLIES = 512;
    private static final Logger LOG = LoggerFactory.getLogger(WsDiscovery.class);

    private WsDiscovery() {
    }

    /**
     * Sends one Probe for NetworkVideoTransmitters and collects the matching replies for
     * {@code window}; devices are deduplicated by endpoint. Malformed or unrelated replies are
     * skipped (and counted in the log).
     */
    public static Future<List<DiscoveredDevice>> probe(Vertx vertx, DiscoveryTarget target, Duration window) {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        DatagramSocketOptions options = new DatagramSocketOptions().setIpV6(false);
        String bindHost = "0.0.0.0";
        if (target.isMulticast() && target.multicastInterface() != null) {
            options.setMulticastNetworkInterface(target.multicastInterface()).setMulticastTimeToLive(1);
            // Binding to the interface's own address pins the source too (Linux routes multicast
            // from a bound local address out of that address's interface).
            bindHost = ipv4Of(target.multicastInterface()).getHostAddress();
        }
        DatagramSocket socket = vertx.createDatagramSocket(options);
        List<Reply> replies = new ArrayList<>();
        socket.handler(packet -> {
            if (replies.size() < MAX_REPLIES) {
                replies.add(new Reply(packet.data().getBytes(), packet.sender().host()));
            }
        });
        String host = target.isMulticast() ? GROUP : target.unicast().getHostString();
        int port = target.isMulticast() ? PORT : target.unicast().getPort();
        Promise<List<Reply>> collected = Promise.promise();
        socket.listen(0, bindHost)
                .compose(s -> s.send(Buffer.buffer(probeMessage(messageId)), port, host))
                .onFailure(e -> {
                    socket.close();
                    collected.tryFail(new OnvifException(Kind.UNREACHABLE, "cannot send a WS-Discovery probe to "
                            + host + ":" + port + ": " + e.getMessage()));
                })
                .onSuccess(v -> vertx.setTimer(Math.max(1, window.toMillis()), id -> socket.close()
                        .onComplete(c -> collected.tryComplete(List.copyOf(replies)))));
        return collected.future().compose(all -> vertx.executeBlocking(() -> {
            Map<String, DiscoveredDevice> devices = new LinkedHashMap<>();
            int rejected = 0;
            for (Reply r : all) {
                try {
                    for (DiscoveredDevice d : parseProbeMatches(r.data(), messageId, r.from())) {
                        devices.putIfAbsent(d.endpoint(), d);
                    }
                } catch (OnvifException e) {
                    rejected++;
                    LOG.debug("ws-discovery reply rejected from={} reason={}", r.from(), e.getMessage());
                }
            }
            LOG.info("ws-discovery probe target={}:{} replies={} rejected={} devices={}", host, port, all.size(), rejected,
                    devices.size());
            return List.copyOf(devices.values());
        }, false));
    }

    /** A Probe for ONVIF NetworkVideoTransmitters. */
    public static String probeMessage(String messageId) {
        return Soap.envelope(
                "<a:MessageID xmlns:a=\"" + Ns.WSA + "\">" + Xml.escape(messageId) + "</a:MessageID>"
                        + "<a:To xmlns:a=\"" + Ns.WSA + "\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
                        + "<a:Action xmlns:a=\"" + Ns.WSA + "\">" + PROBE_ACTION + "</a:Action>",
                "<d:Probe xmlns:d=\"" + Ns.WSD + "\" xmlns:dn=\"" + Ns.NETWORK + "\"><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe>");
    }

    /**
     * The devices in a ProbeMatches datagram answering {@code messageId}; empty when it answers
     * another probe. Anything else is {@link Kind#MALFORMED}.
     */
    public static List<DiscoveredDevice> parseProbeMatches(byte[] datagram, String messageId, String from) {
        Document doc = Soap.parse(datagram);
        Element header = Xml.child(Soap.envelopeOf(doc), Ns.SOAP, "Header");
        String relatesTo = header == null ? null : Xml.text(header, Ns.WSA, "RelatesTo");
        if (!messageId.equals(relatesTo)) {
            return List.of();
        }
        Element matches = Soap.replyBody(doc, Ns.WSD, "ProbeMatches");
        List<DiscoveredDevice> out = new ArrayList<>();
        for (Element m : Xml.children(matches, Ns.WSD, "ProbeMatch")) {
            out.add(readAnnouncement(m, from));
        }
        return out;
    }

    /** The device announced by a Hello datagram. */
    public static DiscoveredDevice parseHello(byte[] datagram, String from) {
        return readAnnouncement(Soap.replyBody(Soap.parse(datagram), Ns.WSD, "Hello"), from);
    }

    private static DiscoveredDevice readAnnouncement(Element m, String from) {
        String endpoint = Xml.requireText(Xml.require(m, Ns.WSA, "EndpointReference"), Ns.WSA, "Address");
        if (endpoint.isEmpty()) {
            throw new OnvifException(Kind.MALFORMED, "empty endpoint reference");
        }
        return new DiscoveredDevice(endpoint, words(Xml.text(m, Ns.WSD, "Types")), words(Xml.text(m, Ns.WSD, "Scopes")),
                words(Xml.text(m, Ns.WSD, "XAddrs")), from);
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    static InetAddress ipv4Of(String interfaceName) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(interfaceName);
            if (nif == null) {
                throw new IllegalArgumentException("no network interface named " + interfaceName);
            }
            return nif.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("network interface " + interfaceName + " has no IPv4 address"));
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot read network interface " + interfaceName + ": " + e.getMessage(), e);
        }
    }

    private record Reply(byte[] data, String from) {
    }
}
