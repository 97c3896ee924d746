package org.sharpeyes.console.events;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.console.scope.OrgUnit;
import org.sharpeyes.console.scope.Scope;
import org.sharpeyes.storage.EventQuery;
import org.sharpeyes.storage.PlateMatch;
import org.sharpeyes.storage.TierCode;

/**
 * An investigator's event filter, from query parameters or an export body, turned into a storage
 * query that always carries the caller's scope. {@code caseRef} is required: it goes into the audit
 * entry of every search and export.
 */
public record EventFilter(Instant from, Instant to, DetectionKind kind, String plate, PlateMatch.Mode match, String grid,
                          UUID cameraId, SiteType siteType, Long orgUnitId, String caseRef) {
    public static final int MAX_CASE_REF = 100;

    public static EventFilter parse(Params p) {
        String plate = p.text("plate");
        PlateMatch.Mode match = p.enumValue("match", PlateMatch.Mode.class);
        return new EventFilter(p.requiredInstant("from"), p.requiredInstant("to"), p.enumValue("kind", DetectionKind.class), plate,
                plate == null ? null : match == null ? PlateMatch.Mode.EXACT : match, p.text("grid"), p.uuid("cameraId"),
                p.enumValue("siteType", SiteType.class), p.longValue("orgUnitId"), caseRef(p));
    }

    /** The case reference every search, trajectory and export must name. */
    public static String caseRef(Params p) {
        String caseRef = p.text("caseRef");
        if (caseRef == null) {
            throw new ApiException(400, "CASE_REF_REQUIRED", "caseRef: a case reference is required for searches and exports", "caseRef");
        }
        if (caseRef.length() > MAX_CASE_REF) {
            throw ApiException.invalid("caseRef", "at most " + MAX_CASE_REF + " characters");
        }
        return caseRef;
    }

    /** The storage query, narrowed to the caller's scope (and the org unit asked for, which must be in it). */
    public EventQuery query(Caller caller, int limit, String cursor) throws SQLException {
        Scope scope = caller.scope();
        EventQuery.Builder q = EventQuery.between(from, to).kind(kind).grid(grid).camera(cameraId).siteType(siteType)
                .limit(limit).cursor(cursor);
        if (!scope.all()) {
            q.tier(scope.tierCode());
        }
        if (orgUnitId != null) {
            if (!scope.contains(orgUnitId)) {
                throw ApiException.outOfScope();
            }
            OrgUnit unit = caller.orgs().tree().get(orgUnitId);
            if (unit == null) {
                throw ApiException.invalid("orgUnitId", "no such org unit: " + orgUnitId);
            }
            q.tier(new TierCode(unit.tier(), unit.code()));
        }
        if (plate != null) {
            q.plate(new PlateMatch(match, plate));
        }
        return q.build();
    }

    /** The filter as it goes into the audit entry. */
    public JsonObject toJson() {
        return new JsonObject().put("from", from.toString()).put("to", to.toString())
                .put("kind", kind == null ? null : kind.name()).put("plate", plate).put("match", match == null ? null : match.name())
                .put("grid", grid).put("cameraId", cameraId == null ? null : cameraId.toString())
                .put("siteType", siteType == null ? null : siteType.name()).put("orgUnitId", orgUnitId);
    }
}
