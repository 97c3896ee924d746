package org.sharpeyes.console.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;

/** Events as the API shows them, with snapshot links signed for the user who asked. */
public final class EventJson {
    private EventJson() {
    }

    public static JsonObject toJson(Detection d, Camera camera, long userId, SnapshotSigner signer) {
        Box b = d.box();
        JsonObject plate = d.plateText() == null ? null : new JsonObject().put("text", d.plateText())
                .put("color", d.plateColor() == null ? null : d.plateColor().json()).put("confidence", d.confidence());
        // sized for its 16 fields: the default map grew (rehashed) once per event of every page
        return new JsonObject(new LinkedHashMap<>(32)).put("id", d.id().toString()).put("kind", d.kind().name()).put("time", d.time().toString())
                .put("cameraId", d.cameraId().toString()).put("cameraName", camera == null ? null : camera.name())
                .put("lat", camera == null ? null : camera.lat()).put("lon", camera == null ? null : camera.lon())
                .put("plate", plate).put("box", b == null ? null : new JsonArray().add(b.x()).add(b.y()).add(b.width()).add(b.height()))
                .put("score", d.confidence()).put("trackId", d.trackId())
                .put("snapshot", signer.sign(userId, d.snapshotKey())).put("crop", signer.sign(userId, d.cropKey()))
                .put("gridCode", d.placement().gridCode()).put("siteType", d.placement().siteType().name());
    }
}
