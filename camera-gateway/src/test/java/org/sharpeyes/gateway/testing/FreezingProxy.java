package org.sharpeyes.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a camera that can black-hole its connections. Frozen, it
 * keeps every socket open and moves no bytes in either direction, and does not even notice a
 * peer closing: the TCP connection stays established and silent, as with a camera whose encoder
 * hung or a NAT that drops the flow. One selector thread for all connections. It also keeps what
 * clients sent (capped), so a test can see which RTSP requests got through.
 */
public final class FreezingProxy implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private static final int TRANSCRIPT_CAP = 1 << 20;

    private final InetSocketAddress camera;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Thread loop;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final StringBuilder fromClients = new StringBuilder();
    /** Selector thread only. */
    private final List<Link> links = new ArrayList<>();
    /** Selector thread only: whether connections accepted from now on start frozen. */
    private boolean freezeNew;

    /** Proxies to {@code 127.0.0.1:cameraPort}. */
    public FreezingProxy(int cameraPort) throws IOException {
        camera = new InetSocketAddress(InetAddress.getLoopbackAddress(), cameraPort);
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        loop = new Thread(this::run, "freezing-proxy");
        loop.setDaemon(true);
        loop.start();
    }

    /** The camera's mount {@code i}, reached through this proxy. */
    public String url(int mount) {
        return "rtsp://127.0.0.1:" + server.socket().getLocalPort() + "/cam" + mount;
    }

    public String url() {
        return url(0);
    }

    /** Stops every byte, on current connections and on those accepted until {@link #thaw()}. Applied on return. */
    public void freeze() {
        onLoop(() -> {
            freezeNew = true;
            links.forEach(l -> l.frozen = true);
        });
    }

    /** Stops every byte on the current connections only: new ones are served, as by a camera whose old session hung. */
    public void freezeCurrentConnections() {
        onLoop(() -> links.forEach(l -> l.frozen = true));
    }

    /** Lets bytes flow again on every connection; what piled up in the kernel's buffers is delivered then. */
    public void thaw() {
        onLoop(() -> {
            freezeNew = false;
            links.forEach(l -> l.frozen = false);
        });
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    /** How many requests of this RTSP method ({@code "TEARDOWN"}, ...) clients have got through to the camera. */
    public int requests(String method) {
        String needle = method + " rtsp://";
        synchronized (fromClients) {
            int n = 0;
            for (int i = fromClients.indexOf(needle); i >= 0; i = fromClients.indexOf(needle, i + 1)) {
                n++;
            }
            return n;
        }
    }

    @Override
    public void close() throws IOException {
        loop.interrupt();
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The loop has ended: its channels are ours now.
        List.copyOf(links).forEach(Link::close);
        server.close();
        selector.close();
    }

    /** Runs a change on the selector thread and waits until it is in force. */
    private void onLoop(Runnable change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            change.run();
            List.copyOf(links).forEach(Link::pump);
            done.complete(null);
        });
        selector.wakeup();
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("proxy loop did not apply the change", e);
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                selector.select(1000);
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept();
                    } else {
                        ((Link) k.attachment()).pump();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        accepted.incrementAndGet();
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open(camera); // loopback: refused or done at once
        } catch (IOException e) {
            client.close(); // the camera is down: so is its proxy
            return;
        }
        Link l = new Link(client, upstream, freezeNew);
        links.add(l);
        l.pump();
    }

    private void record(ByteBuffer buf, int from, int to) {
        synchronized (fromClients) {
            int n = Math.min(to - from, TRANSCRIPT_CAP - fromClients.length());
            if (n > 0) {
                byte[] b = new byte[n];
                buf.get(from, b);
                fromClients.append(new String(b, StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** One proxied connection: client to camera and back, a buffer each way. */
    private final class Link {
        final SocketChannel client;
        final SocketChannel upstream;
        final SelectionKey clientKey;
        final SelectionKey upstreamKey;
        final ByteBuffer up = ByteBuffer.allocate(BUFFER);
        final ByteBuffer down = ByteBuffer.allocate(BUFFER);
        boolean frozen;
        boolean open = true;
        /** The client, or the camera, has closed its side: close the link once what it sent is passed on. */
        boolean clientEnded;
        boolean upstreamEnded;

        Link(SocketChannel client, SocketChannel upstream, boolean frozen) throws IOException {
            this.client = client;
            this.upstream = upstream;
            this.frozen = frozen;
            client.configureBlocking(false);
            upstream.configureBlocking(false);
            clientKey = client.register(selector, 0, this);
            upstreamKey = upstream.register(selector, 0, this);
        }

        /** Moves what can move without blocking, then asks the selector for what is needed next. */
        void pump() {
            if (!open) {
                return;
            }
            try {
                if (!frozen) {
                    clientEnded |= move(client, up, upstream, true, clientEnded);
                    upstreamEnded |= move(upstream, down, client, false, upstreamEnded);
                    if (clientEnded && up.position() == 0 || upstreamEnded && down.position() == 0) {
                        close(); // no half-closed connections: RTSP does not use them
                        return;
                    }
                }
                clientKey.interestOps(interest(up, clientEnded, down));
                upstreamKey.interestOps(interest(down, upstreamEnded, up));
            } catch (IOException | UncheckedIOException e) {
                close();
            }
        }

        /** Reads what {@code src} has (unless it ended), writes what {@code dst} takes; whether {@code src} has ended. */
        private boolean move(SocketChannel src, ByteBuffer buf, SocketChannel dst, boolean fromClient, boolean ended)
                throws IOException {
            int start = buf.position();
            int n = !ended && buf.hasRemaining() ? src.read(buf) : 0;
            if (fromClient && buf.position() > start) {
                record(buf, start, buf.position());
            }
            buf.flip();
            dst.write(buf);
            buf.compact();
            return n < 0;
        }

        /** Interest of the channel that reads into {@code in} and writes out of {@code out}. */
        private int interest(ByteBuffer in, boolean ended, ByteBuffer out) {
            if (frozen) {
                return 0;
            }
            return (!ended && in.hasRemaining() ? SelectionKey.OP_READ : 0) | (out.position() > 0 ? SelectionKey.OP_WRITE : 0);
        }

        void close() {
            open = false;
            links.remove(this);
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
