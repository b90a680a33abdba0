package dev.aftercall.server.editor;

import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.auth.OutletEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Who the editor is signed in as: the outlet the token names, shown in the navigation bar. */
@Path("/api/v1/editor/session")
@Produces(MediaType.APPLICATION_JSON)
public class EditorSessionResource {
    private final OutletContext outlet;

    public EditorSessionResource(OutletContext outlet) {
        this.outlet = outlet;
    }

    @GET
    @Transactional
    public Map<String, Object> session() {
        OutletEntity entity = OutletEntity.findById(outlet.id());
        return Map.of("outlet_id", outlet.id(), "outlet_name", entity == null || entity.name == null ? "" : entity.name);
    }
}
