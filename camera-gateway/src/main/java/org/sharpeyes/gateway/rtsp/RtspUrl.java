package org.sharpeyes.gateway.rtsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.sharpeyes.common.Urls;

/**
 * Where and as whom to talk RTSP; the request URI never carries the credentials.
 *
 * @param requestUri rtsp://host:port/path?query, port always explicit
 * @param user       null for none
 */
record RtspUrl(String host, int port, String requestUri, String user, String password) {
    /**
     * @param url      rtsp://[user[:password]@]host[:port]/path; the userinfo is used when {@code user} is null
     * @throws IllegalArgumentException naming the field, with the URL masked
     */
    static RtspUrl of(String url, String user, String password) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("url: not a valid URI: " + Urls.mask(url));
        }
        if (!"rtsp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("url: expected rtsp://host[:port]/path, got " + Urls.mask(url));
        }
        if (user == null && uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
            password = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : "";
        }
        int port = uri.getPort() < 0 ? 554 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String host = uri.getHost();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new RtspUrl(host, port, "rtsp://" + hostPart + ":" + port + path + query, user, password);
    }

    @Override
    public String toString() {
        return "RtspUrl[" + requestUri + "]";
    }
}
