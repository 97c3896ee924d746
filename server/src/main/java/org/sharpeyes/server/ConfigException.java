package org.sharpeyes.server;

import java.util.List;

/** The configuration is wrong; the message names every bad key, where it came from and why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("configuration error" + (problems.size() > 1 ? "s" : "") + ":\n  " + String.join("\n  ", problems));
    }
}
