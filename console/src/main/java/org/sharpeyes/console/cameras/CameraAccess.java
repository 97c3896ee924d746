package org.sharpeyes.console.cameras;

import java.sql.SQLException;
import java.util.UUID;
import org.sharpeyes.common.Camera;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.gateway.registry.CameraRegistry;

/** The one place that decides whether a caller may touch a camera (view, stream, snapshot, PTZ, edit). Blocking. */
public final class CameraAccess {
    private final CameraRegistry registry;

    public CameraAccess(CameraRegistry registry) {
        this.registry = registry;
    }

    /** The camera when it exists and lies in the caller's scope. */
    public Camera get(Caller caller, UUID id) throws SQLException {
        Camera camera = registry.get(id).orElseThrow(() -> ApiException.notFound("camera " + id));
        if (!caller.scope().contains(camera.orgUnitId())) {
            throw ApiException.outOfScope();
        }
        return camera;
    }

    public CameraRegistry registry() {
        return registry;
    }
}
