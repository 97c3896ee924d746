package org.sharpeyes.analytics.synth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.PlateColor;

/**
 * What a generated frame or still holds, as its truth files write it. Boxes are the visible
 * pixels' bounds (after the frame edge and nearer objects cut them); an object less than half
 * visible is {@code partial}.
 */
public final class GroundTruth {
    private GroundTruth() {
    }

    /** A plate: its normalised number, style and colour. */
    public record Plate(String text, PlateStyle style, Box box, int trackId, boolean partial) {
        public PlateColor color() {
            return style.color();
        }

        JsonObject json() {
            JsonObject o = new JsonObject().put("text", text).put("format", style.json()).put("color", style.color().json())
                    .put("box", boxJson(box)).put("trackId", trackId);
            return partial ? o.put("partial", true) : o;
        }

        public static Plate parse(JsonObject o) {
            return new Plate(o.getString("text"), PlateStyle.valueOf(o.getString("format").toUpperCase(Locale.ROOT).replace('-', '_')),
                    parseBox(o.getJsonArray("box")), o.getInteger("trackId", 0), o.getBoolean("partial", false));
        }
    }

    /** A face, cheek to cheek and brow to chin. */
    public record Face(Box box, int trackId, boolean partial) {
        JsonObject json() {
            JsonObject o = new JsonObject().put("box", boxJson(box)).put("trackId", trackId);
            return partial ? o.put("partial", true) : o;
        }

        public static Face parse(JsonObject o) {
            return new Face(parseBox(o.getJsonArray("box")), o.getInteger("trackId", 0), o.getBoolean("partial", false));
        }
    }

    static JsonArray plates(List<Plate> plates) {
        JsonArray a = new JsonArray();
        plates.forEach(p -> a.add(p.json()));
        return a;
    }

    static JsonArray faces(List<Face> faces) {
        JsonArray a = new JsonArray();
        faces.forEach(f -> a.add(f.json()));
        return a;
    }

    public static List<Plate> plates(JsonObject line) {
        return line.getJsonArray("plates", new JsonArray()).stream().map(o -> Plate.parse((JsonObject) o)).toList();
    }

    public static List<Face> faces(JsonObject line) {
        return line.getJsonArray("faces", new JsonArray()).stream().map(o -> Face.parse((JsonObject) o)).toList();
    }

    static JsonArray boxJson(Box b) {
        return new JsonArray().add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }

    static Box parseBox(JsonArray a) {
        return new Box(a.getInteger(0), a.getInteger(1), a.getInteger(2), a.getInteger(3));
    }
}
