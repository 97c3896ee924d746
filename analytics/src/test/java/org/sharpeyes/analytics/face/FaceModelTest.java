package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceModelTest {
    @Test
    void aModelFileWithAnotherChecksumIsRefused(@TempDir Path dir) throws IOException {
        String name = "face_detection_front_128x128_barracuda.onnx";
        byte[] bytes = Files.readAllBytes(FaceModel.defaultDirectory().resolve(name));
        bytes[bytes.length / 2] ^= 1;
        Files.write(dir.resolve(name), bytes);

        assertThatThrownBy(() -> FaceModel.load(dir, FaceModel.Variant.FRONT_128, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51");
    }

    @Test
    void aMissingModelNamesTheInstallStep(@TempDir Path dir) {
        assertThatThrownBy(() -> FaceModel.load(dir, FaceModel.Variant.BACK_256, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("face_detection_back_256x256_barracuda.onnx")
                .hasMessageContaining("tools/install-node-deps.sh");
    }

    @Test
    void bothVariantsLoadWithTheirPinnedChecksums() {
        for (FaceModel.Variant v : FaceModel.Variant.values()) {
            try (FaceModel m = FaceModel.load(FaceModel.defaultDirectory(), v, 1)) {
                assertThat(m.inputSize()).isEqualTo(v.inputSize);
            }
        }
    }
}
