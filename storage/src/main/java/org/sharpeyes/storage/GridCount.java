package org.sharpeyes.storage;

import java.time.Instant;
import org.sharpeyes.common.DetectionKind;

/** Events of one kind in one grid cell; {@code hour} is null in totals over a period. */
public record GridCount(Instant hour, String gridCode, DetectionKind kind, long count) {
}
