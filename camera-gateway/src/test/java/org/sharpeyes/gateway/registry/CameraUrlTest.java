package org.sharpeyes.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CameraUrlTest {
    @Test
    void userinfoIsSplitOffAtTheLastAtSignAndPercentDecoded() {
        List<FieldError> errors = new ArrayList<>();

        CameraUrl url = CameraUrl.parse("mainUrl", "rtsp://ad%20min:p@ss:w%3Ard@Cam.Local:8554/ch1?a=b@c", CameraUrl.STREAM_SCHEMES, errors);

        assertThat(errors).isEmpty();
        assertThat(url.address()).isEqualTo("rtsp://cam.local:8554/ch1?a=b@c");
        assertThat(url.credentials()).isEqualTo(new Credentials("ad min", "p@ss:w:rd"));
    }

    @Test
    void defaultPortsAndCaseAreNormalisedAwaySoOneCameraHasOneAddress() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(CameraUrl.parse("f", "RTSP://10.0.0.1:554/Live", CameraUrl.STREAM_SCHEMES, errors).address())
                .isEqualTo("rtsp://10.0.0.1/Live");
        assertThat(CameraUrl.parse("f", "rtsps://[fe80::1]:322/x", CameraUrl.STREAM_SCHEMES, errors).address())
                .isEqualTo("rtsps://[fe80::1]/x");
        assertThat(CameraUrl.parse("f", "https://onvif.local:443/onvif/device_service", CameraUrl.ONVIF_SCHEMES, errors).address())
                .isEqualTo("https://onvif.local/onvif/device_service");
        assertThat(CameraUrl.parse("f", "rtsp://[::1]:8554", CameraUrl.STREAM_SCHEMES, errors).address()).isEqualTo("rtsp://[::1]:8554");
        assertThat(errors).isEmpty();
    }

    @Test
    void badUrlsGetOneReasonThatNeverQuotesThePassword() {
        String[][] cases = {
                {"10.0.0.1/live", "not a URL; expected rtsp or rtsps://host[:port]/path"},
                {"http://10.0.0.1/live", "scheme must be rtsp or rtsps"},
                {"rtsp://u:secret@/live", "no host; expected rtsp or rtsps://host[:port]/path"},
                {"rtsp://u:secret@cam:0/live", "port must be a number from 1 to 65535"},
                {"rtsp://u:secret@cam:http/live", "port must be a number from 1 to 65535"},
                {"rtsp://cam_1/live", "malformed host name"},
                {"rtsp://[zz::1]/live", "malformed IPv6 host"},
                {"rtsp://cam/my live", "contains a space or control character"},
                {"rtsp://u:sec%zzret@cam/live", "malformed percent-encoding in the user or password"},
        };
        for (String[] c : cases) {
            List<FieldError> errors = new ArrayList<>();
            assertThat(CameraUrl.parse("mainUrl", c[0], CameraUrl.STREAM_SCHEMES, errors)).as(c[0]).isNull();
            assertThat(errors).as(c[0]).containsExactly(new FieldError("mainUrl", c[1]));
        }
    }

    @Property(tries = 300)
    void credentialsPutBackIntoTheUrlParseToTheSameLogin(@ForAll @StringLength(min = 1, max = 16) String user,
                                                         @ForAll @StringLength(max = 24) String password) {
        String withLogin = CameraUrl.withCredentials("rtsp://cam.local:8554/live?x=1", new Credentials(user, password));
        List<FieldError> errors = new ArrayList<>();

        CameraUrl back = CameraUrl.parse("mainUrl", withLogin, CameraUrl.STREAM_SCHEMES, errors);

        assertThat(errors).isEmpty();
        assertThat(back).isEqualTo(new CameraUrl("rtsp://cam.local:8554/live?x=1", new Credentials(user, password)));
    }
}
