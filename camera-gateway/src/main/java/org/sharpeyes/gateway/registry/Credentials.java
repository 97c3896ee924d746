package org.sharpeyes.gateway.registry;

import java.util.Objects;

/** A camera login in clear; lives only in memory, and its toString shows neither part. */
public record Credentials(String user, String password) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "Credentials[***]";
    }
}
