package dev.aftercall.server.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests to the API as one outlet, and the call documents tests post. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static String newCallId() {
        return "call-" + UUID.randomUUID();
    }

    /** A complete call as a voice platform posts it. */
    public static Map<String, Object> call(String callId, String agent) {
        return Map.of(
                "call_id", callId,
                "agent", agent,
                "call_duration", 42.5,
                "hangup_reason", "user_hangup",
                "user_phone_number", "+919876543210",
                "transcript", List.of(
                        Map.of("role", "agent", "content", "Hello, how can I help?"),
                        Map.of("role", "user", "content", "I want to book a table for two.")),
                "summary", "Guest booked a table for two.",
                "disposition", "interested",
                "call_metadata", Map.of("brand_id", 7),
                "ended_at", "2025-01-31T14:05:00Z");
    }

    /** Waits until the call has left the queue for good and returns its detail. */
    public static ValidatableResponse awaitFinished(String token, String callId) {
        Eventually.await(Duration.ofSeconds(20),
                () -> as(token).get("/api/v1/calls/{id}", callId).then().extract().path("status"),
                status -> "completed".equals(status) || "failed".equals(status));
        return as(token).get("/api/v1/calls/{id}", callId).then();
    }
}
