package org.sharpeyes.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URL helpers shared by every module that logs or prints camera addresses. */
public final class Urls {
    // scheme://userinfo@host...: userinfo may itself contain ':' and (unencoded) '@'; the last '@'
    // before the path ends it, as in RFC 3986 parsers.
    private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@");

    private Urls() {
    }

    /** The URL with any user and password replaced by {@code ***}; safe to log and to return. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = USERINFO.matcher(url);
        return m.find() ? m.group(1) + "***@" + url.substring(m.end()) : url;
    }
}
