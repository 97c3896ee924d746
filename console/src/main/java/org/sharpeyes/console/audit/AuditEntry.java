package org.sharpeyes.console.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One audit record as stored. {@code detail} is PostgreSQL's canonical jsonb text, which the hash covers. */
public record AuditEntry(long seq, Instant time, String username, String action, String caseRef, String detail) {
    public JsonObject toJson() {
        return new JsonObject().put("seq", seq).put("time", time.toString()).put("username", username)
                .put("action", action).put("caseRef", caseRef).put("detail", detail == null ? null : new JsonObject(detail));
    }
}
