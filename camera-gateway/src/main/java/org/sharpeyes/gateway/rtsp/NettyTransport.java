package org.sharpeyes.gateway.rtsp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Netty's native epoll transport on Linux (edge-triggered, no selector garbage: fewer wake-ups
 * and syscalls per stream), NIO where its library cannot load. Channel classes follow the loops
 * they are given, so groups made elsewhere (Vert.x, tests) keep working.
 */
public final class NettyTransport {
    private NettyTransport() {
    }

    /** Event loops of daemon threads named {@code name-*}. */
    public static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return epoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends DatagramChannel> datagramChannel(EventLoopGroup group) {
        return epoll(group) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    private static boolean epoll(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }
}
