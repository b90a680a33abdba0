package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.setup.SetupCache;
import dev.aftercall.server.setup.SetupChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Changes to an outlet's flows. Drafts are saved even while invalid, so work in the editor is never lost to a
 * half-drawn graph; publishing checks the document and copies it into a new, immutable version, and only published
 * versions run for calls.
 */
@ApplicationScoped
public class FlowService {
    /** A flow's draft as the engine runs it, and whose it is. */
    private record Draft(long outletId, Flow flow) {
    }

    private final SetupCache<Draft> drafts;

    public FlowService(SetupChanges changes) {
        this.drafts = changes.newCache();
    }

    @Transactional
    public FlowEntity create(long outletId, JsonNode body) {
        FlowDocument document = FlowDocument.draft(body);
        FlowEntity flow = new FlowEntity();
        flow.outletId = outletId;
        flow.createdAt = Instant.now();
        setDraft(flow, document);
        flow.persist();
        return flow;
    }

    /**
     * Replaces the draft (name, description and agents come with it when they are valid); published versions stay
     * as they are.
     */
    @Transactional
    public FlowEntity update(long outletId, long id, JsonNode body) {
        FlowEntity flow = owned(id, outletId);
        setDraft(flow, FlowDocument.draft(body));
        return flow;
    }

    /** Hides the flow and stops it running for new calls; its versions and runs stay for the record. */
    @Transactional
    public void delete(long outletId, long id) {
        FlowEntity flow = owned(id, outletId);
        flow.deleted = true;
        flow.updatedAt = Instant.now();
    }

    /**
     * Publishes the draft, or with {@code fromVersion} an earlier version's document (a rollback), as version N+1.
     * The flow row is locked so two publishes at once get consecutive numbers.
     */
    @Transactional
    public FlowVersionEntity publish(long outletId, long id, Integer fromVersion) {
        FlowEntity flow = FlowEntity.ownedForUpdate(id, outletId).orElseThrow(() -> ApiException.notFound("flow"));
        String document = fromVersion == null ? flow.draft : version(flow, fromVersion).document;
        FlowDocument.checked(Json.tree(document));
        FlowVersionEntity version = new FlowVersionEntity();
        version.flowPk = flow.pk;
        version.version = FlowVersionEntity.latest(flow.pk) + 1;
        version.document = document;
        version.publishedAt = Instant.now();
        version.persist();
        flow.publishedVersion = version.version;
        flow.updatedAt = version.publishedAt;
        return version;
    }

    /** The draft document, or a published version's when {@code version} is given. */
    @Transactional
    public JsonNode document(long outletId, long id, Integer version) {
        FlowEntity flow = owned(id, outletId);
        return Json.tree(version == null ? flow.draft : version(flow, version).document);
    }

    /**
     * The draft as the engine runs it, for test runs: parsed once per change of the flow, not per request. A draft
     * that does not parse throws {@link dev.aftercall.engine.flow.FlowValidationException} and is not kept.
     */
    public Flow draftFlow(long outletId, long id) {
        Draft draft = drafts.get(id, pk -> {
            FlowEntity flow = FlowEntity.<FlowEntity>findByIdOptional(pk).filter(f -> !f.deleted)
                    .orElseThrow(() -> ApiException.notFound("flow"));
            return new Draft(flow.outletId, FlowDocuments.parse(Json.tree(flow.draft)));
        });
        if (draft.outletId() != outletId) {
            throw ApiException.notFound("flow");
        }
        return draft.flow();
    }

    /**
     * As {@link #draftFlow} when the draft is in memory (and the outlet's), without touching the database; empty
     * when it would have to be read.
     */
    public Optional<Flow> cachedDraftFlow(long outletId, long id) {
        Draft draft = drafts.peek(id);
        return draft != null && draft.outletId() == outletId ? Optional.of(draft.flow()) : Optional.empty();
    }

    static FlowEntity owned(long id, long outletId) {
        return FlowEntity.owned(id, outletId).orElseThrow(() -> ApiException.notFound("flow"));
    }

    static FlowVersionEntity version(FlowEntity flow, int version) {
        return FlowVersionEntity.of(flow.pk, version).orElseThrow(() -> new ApiException(404,
                "flow " + flow.pk + " has no version " + version, null, "version"));
    }

    /**
     * A draft's name, description and agents go to the row only when they are valid: an unnamed draft keeps the
     * name it had (or {@value FlowDocument#UNTITLED}), and invalid agents leave the published version's agents alone.
     */
    private static void setDraft(FlowEntity flow, FlowDocument document) {
        if (document.name() != null) {
            flow.name = document.name();
        } else if (flow.name == null) {
            flow.name = FlowDocument.UNTITLED;
        }
        flow.description = document.description();
        if (document.agentsValid()) {
            flow.agents = document.agentsJson();
        }
        flow.draft = Json.write(document.json());
        flow.updatedAt = Instant.now();
    }
}
