package org.sharpeyes.storage;

import java.util.List;

/** One page of results; {@code next} is the opaque cursor of the following page, or null. */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
