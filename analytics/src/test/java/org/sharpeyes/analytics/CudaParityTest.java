package org.sharpeyes.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.pipeline.AnalysedFrame;
import org.sharpeyes.analytics.pipeline.CameraPipeline;
import org.sharpeyes.analytics.pipeline.FrameSink;
import org.sharpeyes.analytics.pipeline.PipelineSettings;
import org.sharpeyes.analytics.pipeline.StageTimes;
import org.sharpeyes.analytics.pipeline.TestVideos;
import org.sharpeyes.analytics.pipeline.Timeline;
import org.sharpeyes.analytics.pipeline.VideoFile;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.rtsp.FrameDecoder;

/**
 * The CUDA paths (NVDEC decoding, ONNX Runtime's CUDA execution provider) give what the CPU paths
 * give on the same frames, model runs batched across cameras included (CUDA's default batch).
 * Runs only on a node with an NVIDIA GPU and a build with {@code -Pcuda}
 * ({@code mvn -Pcuda -pl analytics -am verify -Dtest=CudaParityTest}); skipped everywhere else.
 */
@EnabledIf("cudaPresent")
class CudaParityTest {
    @TempDir
    static Path dir;
    private static Path video;

    static boolean cudaPresent() {
        return Files.exists(Path.of("/dev/nvidiactl")) && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    @BeforeAll
    static void record() throws Exception {
        video = TestVideos.encode(dir, "plate.mp4", TestVideos.PLATE, 4, "-g", "50", "-bf", "0");
    }

    /** Every frame of the video decoded by the named decoder (null: software), as owned copies. */
    private static List<Mat> decode(String decoder) throws Exception {
        List<Mat> out = new ArrayList<>();
        try (VideoFile file = VideoFile.open(video); FrameDecoder d = new FrameDecoder(file.info(), decoder)) {
            for (Packet p = file.read(); p != null; p = file.read()) {
                d.decode(p, (bgr, pts) -> out.add(bgr.clone()));
            }
        }
        return out;
    }

    @Test
    void nvdecDecodesTheFramesSoftwareDecodes() throws Exception {
        List<Mat> software = decode(null);
        List<Mat> nvdec = decode("h264_cuvid");
        assertThat(nvdec).hasSameSizeAs(software);
        for (int i = 0; i < software.size(); i++) {
            try (Mat diff = new Mat()) {
                absdiff(software.get(i), nvdec.get(i), diff);
                assertThat(mean(diff).get(0)).as("mean difference of frame %d", i).isLessThan(2.0);
            }
        }
    }

    @Test
    void theCudaProviderFindsWhatTheCpuFinds() throws Exception {
        List<Mat> frames = decode(null);
        try (Detectors cpu = Detectors.load(Detectors.Settings.defaults(Inference.cpu(1)));
             Detectors gpu = Detectors.load(Detectors.Settings.defaults(new Inference(Inference.Device.CUDA, 1)))) {
            for (int i = 0; i < frames.size(); i += 10) {
                Mat f = frames.get(i);
                List<PlateRead> a = cpu.plates().read(f);
                List<PlateRead> b = gpu.plates().read(f);
                assertThat(b).extracting(PlateRead::text).containsExactlyElementsOf(a.stream().map(PlateRead::text).toList());
                for (int k = 0; k < a.size(); k++) {
                    assertThat(a.get(k).box().iou(b.get(k).box())).isGreaterThan(0.9);
                }
                List<Face> fa = cpu.faces().detect(f);
                List<Face> fb = gpu.faces().detect(f);
                assertThat(fb).hasSameSizeAs(fa);
                for (int k = 0; k < fa.size(); k++) {
                    assertThat(fa.get(k).box().iou(fb.get(k).box())).isGreaterThan(0.9);
                }
            }
        }
    }

    @Test
    void theCudaPipelineReadsThePlatesTheCpuPipelineReads() throws Exception {
        assertThat(pipelineReads(Inference.Device.CUDA, 1)).containsExactlyElementsOf(pipelineReads(Inference.Device.CPU, 1));
    }

    /** Four cameras on four detect threads, their model runs batched on the GPU, each read as one camera on the CPU. */
    @Test
    void camerasBatchedOnTheGpuReadWhatOneReadsOnTheCpu() throws Exception {
        List<List<String>> cpu = pipelineReads(Inference.Device.CPU, 1);
        List<List<String>> gpu = pipelineReads(Inference.Device.CUDA, 4);
        for (List<String> camera : gpu) {
            assertThat(camera).containsExactlyElementsOf(cpu.get(0));
        }
    }

    /** Per camera, "seq:text" of every plate read, the cameras all playing the video at once. */
    private static List<List<String>> pipelineReads(Inference.Device device, int cameras) throws Exception {
        PipelineSettings settings = PipelineSettings.DEFAULTS.withDecoder(
                device == Inference.Device.CUDA ? PipelineSettings.Decoder.CUVID : PipelineSettings.Decoder.SOFTWARE);
        ExecutorService detect = Executors.newFixedThreadPool(cameras);
        ExecutorService feeders = Executors.newFixedThreadPool(cameras);
        List<List<String>> reads = new ArrayList<>();
        try (Detectors detectors = Detectors.load(Detectors.Settings.defaults(new Inference(device, 1)))) {
            List<Future<?>> played = new ArrayList<>();
            for (int c = 0; c < cameras; c++) {
                List<String> camera = new CopyOnWriteArrayList<>();
                reads.add(camera);
                CameraPipeline pipeline = new CameraPipeline(UUID.randomUUID(), AnalyticsSettings.DEFAULTS, settings, detectors,
                        sink(camera), detect, Timeline.media(Instant.EPOCH), CameraPipeline.Backlog.WAIT, new StageTimes());
                played.add(feeders.submit(() -> {
                    try (VideoFile file = VideoFile.open(video)) {
                        pipeline.onStream(file.info());
                        for (Packet p = file.read(); p != null; p = file.read()) {
                            pipeline.onPacket(p);
                        }
                    }
                    pipeline.close(Duration.ofMinutes(2));
                    return null;
                }));
            }
            for (Future<?> f : played) {
                f.get();
            }
        } finally {
            detect.shutdownNow();
            feeders.shutdownNow();
        }
        return reads;
    }

    private static FrameSink sink(List<String> reads) {
        return new FrameSink() {
            @Override
            public void onFrame(AnalysedFrame frame) {
                frame.plates().forEach(p -> reads.add(frame.seq() + ":" + p.text()));
            }

            @Override
            public void onIdle(Instant now) {
            }

            @Override
            public void close() {
            }
        };
    }
}
