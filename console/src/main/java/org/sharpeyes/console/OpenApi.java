package org.sharpeyes.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The API's OpenAPI 3 document, kept beside the code (a test checks it against the routes). */
public final class OpenApi {
    static final String RESOURCE = "/org/sharpeyes/console/openapi.yaml";

    private OpenApi() {
    }

    public static String document() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
