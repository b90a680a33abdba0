package dev.aftercall.server.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An account that tokens name; every call, flow and auth profile belongs to one. */
@Entity
@Table(name = "outlet")
public class OutletEntity extends PanacheEntityBase {
    @Id
    public Long id;

    public String name;

    @Column(name = "time_zone")
    public String timeZone = "UTC";

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
}
