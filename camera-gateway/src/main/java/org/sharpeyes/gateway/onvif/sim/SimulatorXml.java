package org.sharpeyes.gateway.onvif.sim;

import static org.sharpeyes.gateway.onvif.Xml.escape;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.sharpeyes.gateway.onvif.Ns;

/** The simulator's reply bodies, shaped like those of real Profile S cameras. */
final class SimulatorXml {
    static final String MAIN_TOKEN = "profile_main";
    static final String SUB_TOKEN = "profile_sub";
    private static final String NS = " xmlns:tds=\"" + Ns.DEVICE + "\" xmlns:trt=\"" + Ns.MEDIA + "\" xmlns:tptz=\""
            + Ns.PTZ + "\" xmlns:tt=\"" + Ns.SCHEMA + "\"";

    private final SimulatorConfig config;
    private final URI device;
    private final URI media;
    private final URI ptz;

    SimulatorXml(SimulatorConfig config, URI base) {
        this.config = config;
        this.device = base.resolve("/onvif/device_service");
        this.media = base.resolve("/onvif/media_service");
        this.ptz = base.resolve("/onvif/ptz_service");
    }

    URI deviceUri() {
        return device;
    }

    static String wrap(String prefix, String operation, String inner) {
        return "<" + prefix + ":" + operation + "Response" + NS + ">" + inner + "</" + prefix + ":" + operation + "Response>";
    }

    String systemDateAndTime(Instant deviceNow) {
        ZonedDateTime t = deviceNow.atZone(ZoneOffset.UTC);
        String dateTime = "<tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute()
                + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear()
                + "</tt:Year><tt:Month>" + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth() + "</tt:Day></tt:Date>";
        return wrap("tds", "GetSystemDateAndTime", "<tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>"
                + "<tt:UTCDateTime>" + dateTime + "</tt:UTCDateTime><tt:LocalDateTime>" + dateTime + "</tt:LocalDateTime>"
                + "</tds:SystemDateAndTime>");
    }

    String deviceInformation() {
        var d = config.device();
        return wrap("tds", "GetDeviceInformation", "<tds:Manufacturer>" + escape(d.manufacturer()) + "</tds:Manufacturer>"
                + "<tds:Model>" + escape(d.model()) + "</tds:Model><tds:FirmwareVersion>" + escape(d.firmwareVersion())
                + "</tds:FirmwareVersion><tds:SerialNumber>" + escape(d.serialNumber()) + "</tds:SerialNumber>"
                + "<tds:HardwareId>" + escape(d.hardwareId()) + "</tds:HardwareId>");
    }

    String capabilities() {
        return wrap("tds", "GetCapabilities", "<tds:Capabilities>"
                + "<tt:Device><tt:XAddr>" + device + "</tt:XAddr><tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve>"
                + "<tt:DiscoveryBye>false</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery>"
                + "<tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging>"
                + "<tt:FirmwareUpgrade>false</tt:FirmwareUpgrade><tt:SupportedVersions><tt:Major>2</tt:Major>"
                + "<tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System></tt:Device>"
                + "<tt:Media><tt:XAddr>" + media + "</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>"
                + "<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>"
                + (config.ptz() ? "<tt:PTZ><tt:XAddr>" + ptz + "</tt:XAddr></tt:PTZ>" : "")
                + "</tds:Capabilities>");
    }

    String services() {
        return wrap("tds", "GetServices", service(Ns.DEVICE, device) + service(Ns.MEDIA, media)
                + (config.ptz() ? service(Ns.PTZ, ptz) : ""));
    }

    private static String service(String namespace, URI xaddr) {
        return "<tds:Service><tds:Namespace>" + namespace + "</tds:Namespace><tds:XAddr>" + xaddr + "</tds:XAddr>"
                + "<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
    }

    String profiles() {
        return wrap("trt", "GetProfiles", profile(MAIN_TOKEN, "MainStream", config.main())
                + (config.sub() == null ? "" : profile(SUB_TOKEN, "SubStream", config.sub())));
    }

    private String profile(String token, String name, StreamSpec s) {
        StreamSpec main = config.main();
        return "<trt:Profiles token=\"" + token + "\" fixed=\"true\"><tt:Name>" + name + "</tt:Name>"
                + "<tt:VideoSourceConfiguration token=\"video_src_config\"><tt:Name>VideoSourceConfig</tt:Name>"
                + "<tt:UseCount>2</tt:UseCount><tt:SourceToken>video_src</tt:SourceToken>"
                + "<tt:Bounds x=\"0\" y=\"0\" width=\"" + main.width() + "\" height=\"" + main.height() + "\"/>"
                + "</tt:VideoSourceConfiguration>"
                + "<tt:VideoEncoderConfiguration token=\"encoder_" + token + "\"><tt:Name>" + name + "Encoder</tt:Name>"
                + "<tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>" + s.width()
                + "</tt:Width><tt:Height>" + s.height() + "</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality>"
                + "<tt:RateControl><tt:FrameRateLimit>" + s.fps() + "</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>"
                + "<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>" + 2 * s.fps()
                + "</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264><tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type>"
                + "<tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port><tt:TTL>1</tt:TTL>"
                + "<tt:AutoStart>false</tt:AutoStart></tt:Multicast><tt:SessionTimeout>PT60S</tt:SessionTimeout>"
                + "</tt:VideoEncoderConfiguration>"
                + (config.ptz() ? "<tt:PTZConfiguration token=\"ptz_config\"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount>"
                + "<tt:NodeToken>ptz_node</tt:NodeToken>"
                + "<tt:DefaultContinuousPanTiltVelocitySpace>http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace"
                + "</tt:DefaultContinuousPanTiltVelocitySpace>"
                + "<tt:DefaultContinuousZoomVelocitySpace>http://www.onvif.org/ver10/tptz/ZoomSpaces/VelocityGenericSpace"
                + "</tt:DefaultContinuousZoomVelocitySpace><tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout>"
                + "</tt:PTZConfiguration>" : "")
                + "</trt:Profiles>";
    }

    String videoSources() {
        StreamSpec m = config.main();
        return wrap("trt", "GetVideoSources", "<trt:VideoSources token=\"video_src\"><tt:Framerate>" + m.fps()
                + "</tt:Framerate><tt:Resolution><tt:Width>" + m.width() + "</tt:Width><tt:Height>" + m.height()
                + "</tt:Height></tt:Resolution></trt:VideoSources>");
    }

    String mediaUri(String operation, String uri) {
        return wrap("trt", operation, "<trt:MediaUri><tt:Uri>" + escape(uri) + "</tt:Uri>"
                + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>"
                + "<tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>");
    }

    static String presets(Map<String, String> presets) {
        StringBuilder b = new StringBuilder();
        presets.forEach((token, name) -> b.append("<tptz:Preset token=\"").append(escape(token)).append("\"><tt:Name>")
                .append(escape(name)).append("</tt:Name></tptz:Preset>"));
        return wrap("tptz", "GetPresets", b.toString());
    }

    static String status(PtzSnapshot s, Instant deviceNow) {
        String move = s.moving() ? "MOVING" : "IDLE";
        return wrap("tptz", "GetStatus", "<tptz:PTZStatus><tt:Position><tt:PanTilt x=\"" + s.pan() + "\" y=\"" + s.tilt()
                + "\"/><tt:Zoom x=\"" + s.zoom() + "\"/></tt:Position><tt:MoveStatus><tt:PanTilt>" + move
                + "</tt:PanTilt><tt:Zoom>" + move + "</tt:Zoom></tt:MoveStatus><tt:UtcTime>" + deviceNow
                + "</tt:UtcTime></tptz:PTZStatus>");
    }
}
