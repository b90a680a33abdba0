package dev.aftercall.server.json;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filters the deliveries and scheduled-calls lists share: a status the list does not know is a 400 naming
 * {@code status}, a call the outlet does not have is a 404, and each filter given narrows the list.
 */
@QuarkusTest
class ListFilterTest {
    /** Its own outlet, which has no calls, deliveries or scheduled calls. */
    static final long OUTLET = 73;

    @Inject
    TestDatabase database;

    @Inject
    Tokens tokens;

    String token;

    @BeforeEach
    void setUp() {
        database.ensureOutlet(OUTLET, "ListFilterTest");
        token = tokens.mint(OUTLET, null);
    }

    @Test
    void anUnknownStatusIsRejectedNamingTheParameterAndTheStatusesTheListKnows() {
        as(token).get("/api/v1/deliveries?status=lost").then().statusCode(400)
                .body("field", equalTo("status"))
                .body("error", equalTo("status must be one of [pending, delivered, failed]"));
        as(token).get("/api/v1/scheduled-calls?status=lost").then().statusCode(400)
                .body("field", equalTo("status"))
                .body("error", equalTo("status must be one of [scheduled, dispatched, claimed, cancelled]"));
    }

    @Test
    void aCallTheOutletDoesNotHaveIsNotFound() {
        as(token).get("/api/v1/deliveries?call_id=no-such-call").then().statusCode(404);
        as(token).get("/api/v1/scheduled-calls?call_id=no-such-call").then().statusCode(404);
    }

    @Test
    void everyFilterCanBeCombinedAndAnEmptyResultIsAnEmptyPage() {
        as(token).get("/api/v1/deliveries?status=failed&purpose=dialer&page=0&size=5").then().statusCode(200)
                .body("items", empty()).body("total", equalTo(0)).body("size", equalTo(5));
        as(token).get("/api/v1/scheduled-calls?status=scheduled&due=true").then().statusCode(200)
                .body("items", empty()).body("total", equalTo(0));
    }
}
