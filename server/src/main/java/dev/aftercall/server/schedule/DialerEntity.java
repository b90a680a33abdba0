package dev.aftercall.server.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where an outlet's due follow-up calls are posted; the headers (credentials) are sealed. */
@Entity
@Table(name = "outlet_dialer")
public class DialerEntity extends PanacheEntityBase {
    @Id
    @Column(name = "outlet_id")
    public Long outletId;

    public String url;

    @Column(name = "headers_sealed")
    public String headersSealed;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static String sealContext(long outletId) {
        return "dialer:outlet:" + outletId;
    }
}
