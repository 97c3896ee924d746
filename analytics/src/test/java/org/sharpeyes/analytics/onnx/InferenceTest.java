package org.sharpeyes.analytics.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

class InferenceTest {
    @Test
    void batchZeroTakesTheDevicesBatch() {
        assertThat(Inference.cpu(1).batch()).as("calls run side by side on the cores").isEqualTo(1);
        assertThat(new Inference(Inference.Device.CUDA, 1).batch()).isEqualTo(Inference.CUDA_BATCH);
        assertThat(new Inference(Inference.Device.CPU, 1, 8).batch()).isEqualTo(8);
    }

    @Test
    void outOfRangeSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new Inference(Inference.Device.CPU, -1, 0)).hasMessageContaining("intraOpThreads");
        assertThatThrownBy(() -> new Inference(Inference.Device.CPU, 1, -1)).hasMessageContaining("batch");
        assertThatThrownBy(() -> new Inference(Inference.Device.CPU, 1, 1025)).hasMessageContaining("batch");
        assertThatThrownBy(() -> Inference.Device.parse("tpu")).hasMessageContaining("cpu or cuda");
    }

    @Test
    void cudaWithoutTheGpuBuildSaysHowToGetIt() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "a CUDA build");
        assertThatThrownBy(() -> new Inference(Inference.Device.CUDA, 1).options().close())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("-Pcuda");
    }
}
