package org.sharpeyes.gateway.onvif;

import java.util.Objects;

/** A device account. {@link #toString()} never shows the password. */
public record Credentials(String user, String password) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
