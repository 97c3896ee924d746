package org.sharpeyes.console.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A browser stand-in: a Vert.x WebSocket client that keeps every live message with its arrival time. */
final class LiveClient implements AutoCloseable {
    /** A text message (json set) or a binary one (data set). */
    record Message(JsonObject json, byte[] data, long nanos) {
        boolean isText() {
            return json != null;
        }

        String type() {
            return json == null ? "binary" : json.getString("type");
        }
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final long connectNanos = System.nanoTime();
    private final WebSocketClient client;
    private final WebSocket ws;
    private volatile boolean paused;

    private LiveClient(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> messages.add(new Message(new JsonObject(t), null, System.nanoTime())));
        ws.binaryMessageHandler(b -> messages.add(new Message(null, b.getBytes(), System.nanoTime())));
    }

    /** @param receiveBuffer the socket's receive buffer in bytes, 0 for the system's */
    static LiveClient connect(Vertx vertx, int port, String path, int receiveBuffer) throws Exception {
        WebSocketClientOptions o = new WebSocketClientOptions().setMaxMessageSize(64 << 20).setMaxFrameSize(1 << 20);
        if (receiveBuffer > 0) {
            o.setReceiveBufferSize(receiveBuffer);
        }
        WebSocketClient c = vertx.createWebSocketClient(o);
        // handlers are set on the event loop as the handshake completes, before the first message is read
        return c.connect(port, "127.0.0.1", path).map(ws -> new LiveClient(c, ws))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Stops reading: the server's writes back up as for a browser on a slow link. */
    void pause() {
        paused = true;
        ws.pause();
    }

    List<Message> binaries() {
        return messages.stream().filter(m -> !m.isText()).toList();
    }

    List<Message> texts() {
        return messages.stream().filter(Message::isText).toList();
    }

    /** Media segments received: binary messages that are not init segments. */
    long segments() {
        return binaries().stream().filter(m -> !isInit(m.data())).count();
    }

    static boolean isInit(byte[] d) {
        return d.length > 8 && d[4] == 'f' && d[5] == 't' && d[6] == 'y' && d[7] == 'p';
    }

    /** Writes every binary message, in order, to one file: an fMP4 a player or ffprobe can read. */
    Path save(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : binaries()) {
            out.write(m.data());
        }
        return Files.write(file, out.toByteArray());
    }

    boolean closed() {
        return ws.isClosed();
    }

    @Override
    public void close() throws Exception {
        if (paused) {
            ws.close(); // sends the close frame; the server's answer would wait behind everything unread
        } else if (!ws.isClosed()) {
            ws.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        client.close();
    }
}
