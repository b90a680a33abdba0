package dev.aftercall.server.destination;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Where an outlet's extracted variables are sent (seed 004); {@link #pk} is the seed's {@code destination_id}. */
@Entity
@Table(name = "destination")
public class DestinationEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    @Column(name = "destination_name")
    public String name;

    @Column(name = "destination_type")
    public String type;

    @Column(name = "api_url")
    public String url;

    @Column(name = "api_method")
    public String method;

    /** The headers' JSON object, sealed with the SecretBox under {@link #sealContext(long)}. */
    @Column(name = "api_headers")
    public String sealedHeaders;

    /** The body template as JSON text, or null. */
    @Column(name = "api_body")
    public String body;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Binds sealed headers to their outlet: they cannot be moved to another outlet's row and opened there. */
    public static String sealContext(long outletId) {
        return "destination-headers:" + outletId;
    }
}
