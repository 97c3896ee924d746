package org.sharpeyes.gateway.quality;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SamplerSettingsTest {
    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void badSettingsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new SamplerSettings(Duration.ZERO, 4, S.multipliedBy(15), S))
                .hasMessageContaining("interval").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new SamplerSettings(S.multipliedBy(300), 0, S.multipliedBy(15), S))
                .hasMessageContaining("maxConcurrent").hasMessageContaining("0");
        assertThatThrownBy(() -> new SamplerSettings(S.multipliedBy(300), 4, null, S))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> new SamplerSettings(S.multipliedBy(300), 4, S, S))
                .hasMessageContaining("frameGap").hasMessageContaining("shorter than timeout");
    }
}
