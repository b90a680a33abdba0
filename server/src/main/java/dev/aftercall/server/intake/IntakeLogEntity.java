package dev.aftercall.server.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One delivery to an intake token: what arrived, how it verified, what became of it. */
@Entity
@Table(name = "intake_log")
public class IntakeLogEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    @Column(name = "token_pk")
    public long tokenPk;

    public String platform;

    public String event;

    @Column(name = "call_id")
    public String callId;

    public String verification;

    public String outcome;

    public String detail;

    @Column(name = "http_status")
    public int httpStatus;

    /** JSON object of the request headers, secrets redacted. */
    public String headers;

    public String body;

    @Column(name = "received_at")
    public Instant receivedAt;
}
