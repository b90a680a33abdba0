package dev.aftercall.server.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.engine.extract.FieldType;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.setup.SetupChanges;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A variable to extract from an outlet's calls: seed 004's variable (outlet-wide, {@link #agent} empty) or seed
 * 003's extraction field of one agent. {@link #pk} is seed 004's {@code variable_id}.
 */
@Entity
@EntityListeners(SetupChanges.Listener.class)
@Table(name = "extraction_variable")
public class VariableEntity extends PanacheEntityBase {
    /** The {@link #agent} of a variable that applies to every agent of the outlet. */
    public static final String ALL_AGENTS = "";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    public String agent = ALL_AGENTS;

    @Column(name = "var_name")
    public String name;

    @Column(name = "var_type")
    public String type;

    public String description;

    /** JSON array, or null. */
    @Column(name = "enum_values")
    public String enumValues;

    /** JSON array of destination ids. */
    @Column(name = "destination_ids")
    public String destinationIds = "[]";

    public int position;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The engine's view of this variable. */
    public ExtractionField field() {
        List<String> values = null;
        if (enumValues != null) {
            values = new ArrayList<>();
            for (JsonNode value : Json.tree(enumValues)) {
                values.add(value.asText());
            }
        }
        return new ExtractionField(name, FieldType.parse(type), description, values);
    }

    public List<Long> destinations() {
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : Json.tree(destinationIds)) {
            ids.add(id.asLong());
        }
        return ids;
    }

    public void destinations(List<Long> ids) {
        destinationIds = Json.write(ids.stream().distinct().toList());
    }
}
