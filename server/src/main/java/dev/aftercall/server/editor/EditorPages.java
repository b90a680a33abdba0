package dev.aftercall.server.editor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;

/**
 * The editor's pages. Qute renders the layout, the navigation and the node catalogue; the React app in
 * {@code editor-ui} ({@code /editor/assets/editor.js}) mounts on {@code #app} and reads which view to show from its
 * data attributes. The pages hold no outlet data: the app calls the API with the token the user signed in with, so
 * the pages need no authentication of their own.
 */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
public class EditorPages {
    /** Changes on every start so browsers fetch the current bundle despite its fixed file name. */
    static final String ASSETS_VERSION = Long.toString(System.currentTimeMillis(), 36);

    private final String catalogue;

    public EditorPages(ObjectMapper json) {
        try {
            // "</" would end the <script> element the catalogue is embedded in.
            this.catalogue = json.writeValueAsString(NodeCatalogue.describe()).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String title, String view, String section, String param, String catalogue,
                                            String assets);
    }

    @GET
    @Path("/")
    public TemplateInstance flows() {
        return page("Flows", "flows", "flows", "");
    }

    @GET
    @Path("/flows/{id}")
    public TemplateInstance flow(@PathParam("id") String id) {
        return page("Flow", "flow", "flows", id);
    }

    @GET
    @Path("/calls")
    public TemplateInstance calls() {
        return page("Calls", "calls", "calls", "");
    }

    @GET
    @Path("/calls/{callId}")
    public TemplateInstance call(@PathParam("callId") String callId) {
        return page("Call", "call", "calls", callId);
    }

    @GET
    @Path("/auth-profiles")
    public TemplateInstance authProfiles() {
        return page("Auth profiles", "auth-profiles", "auth-profiles", "");
    }

    @GET
    @Path("/functions")
    public TemplateInstance functions() {
        return page("Functions", "functions", "functions", "");
    }

    /** {@code /editor/functions/new} opens an empty function. */
    @GET
    @Path("/functions/{id}")
    public TemplateInstance function(@PathParam("id") String id) {
        return page("Function", "function", "functions", id);
    }

    @GET
    @Path("/variables")
    public TemplateInstance variables() {
        return page("Variables and destinations", "variables", "variables", "");
    }

    @GET
    @Path("/agents")
    public TemplateInstance agents() {
        return page("Agents", "agents", "agents", "");
    }

    @GET
    @Path("/agents/{agent}")
    public TemplateInstance agent(@PathParam("agent") String agent) {
        return page("Agent", "agent", "agents", agent);
    }

    private TemplateInstance page(String title, String view, String section, String param) {
        return Templates.page(title, view, section, param, catalogue, ASSETS_VERSION);
    }
}
