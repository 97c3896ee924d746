package org.sharpeyes.common;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void masksUserAndPasswordButKeepsHostAndPath() {
        assertThat(Urls.mask("rtsp://admin:s3cr@t@10.0.0.5:554/Streaming/Channels/101?x=1"))
                .isEqualTo("rtsp://***@10.0.0.5:554/Streaming/Channels/101?x=1");
        assertThat(Urls.mask("rtsp://user@cam/live")).isEqualTo("rtsp://***@cam/live");
    }

    @Test
    void leavesUrlsWithoutUserinfoAlone() {
        assertThat(Urls.mask("rtsp://10.0.0.5/live?user=a@b")).isEqualTo("rtsp://10.0.0.5/live?user=a@b");
        assertThat(Urls.mask("not a url")).isEqualTo("not a url");
        assertThat(Urls.mask(null)).isNull();
    }

    @Property
    void neverLeaksThePassword(@ForAll @AlphaChars @StringLength(min = 6, max = 20) String password,
                               @ForAll @AlphaChars @StringLength(min = 1, max = 10) String user) {
        String masked = Urls.mask("rtsp://" + user + ":" + password + "@cam.local:554/ch1");
        assertThat(masked).doesNotContain(":" + password).startsWith("rtsp://***@cam.local");
    }
}
