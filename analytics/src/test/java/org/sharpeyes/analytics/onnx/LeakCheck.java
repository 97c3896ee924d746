package org.sharpeyes.analytics.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;

/** Runs a detector call many times and checks that it holds no more memory after than before. */
public final class LeakCheck {
    /** What an RSS may drift by over the loop (allocator caches, JIT), far below one leaked buffer per call. */
    private static final long RSS_SLACK = 32L << 20;

    private LeakCheck() {
    }

    /**
     * After {@code warmup} calls (workspaces grow to their largest size, code is compiled), runs
     * {@code calls} more and checks that JavaCPP's native memory and the JVM's direct buffers are
     * unchanged, the process's resident memory grew by less than {@link #RSS_SLACK}, and each call
     * allocated less than {@code maxHeapPerCall} bytes of heap.
     */
    public static void assertFlat(int warmup, int calls, long maxHeapPerCall, Runnable call) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        settle();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long javacpp = Pointer.totalBytes();
        long direct = direct();
        long rss = Pointer.physicalBytes();
        long heap = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        long heapPerCall = (threads.getThreadAllocatedBytes(tid) - heap) / calls;
        assertThat(Pointer.totalBytes()).as("JavaCPP native bytes").isEqualTo(javacpp);
        assertThat(direct()).as("direct buffer bytes").isEqualTo(direct);
        assertThat(Pointer.physicalBytes() - rss).as("resident memory growth").isLessThan(RSS_SLACK);
        assertThat(heapPerCall).as("heap bytes per call").isLessThan(maxHeapPerCall);
    }

    /**
     * Frees what earlier code left to the collector before the baseline: the counts are
     * process-wide, and garbage of an earlier test freed during the loop looked like memory given
     * back (seen: 16 bytes less).
     */
    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pointer.deallocateReferences();
        }
    }

    private static long direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
