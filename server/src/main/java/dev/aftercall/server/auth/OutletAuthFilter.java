package dev.aftercall.server.auth;

import dev.aftercall.server.api.ErrorBody;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.InvalidAlgorithmException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates every request under the protected prefixes with the outlet token of seed 004 and fills
 * {@link OutletContext}. The token may come as {@code Authorization: Bearer <jwt>}, as a bare
 * {@code Authorization: <jwt>}, or in a {@code token} header (the seed's form). Tokens must be HS256-signed with
 * the service's secret; {@code exp} is optional but enforced when present.
 * <p>
 * A token's outlet must exist (403 otherwise). The first request naming an outlet reads the database; for an
 * endpoint that runs on the event loop ({@code @NonBlocking}) that read goes to a worker thread and the request goes
 * on from there, so the event loop never waits for the database. Every later request is answered from memory.
 */
@ApplicationScoped
public class OutletAuthFilter {
    private static final Uni<Response> PASS = Uni.createFrom().nullItem();

    /** Everything the API serves: {@code /api/v1/...} and the seed's {@code /v2/post_call/...}. */
    public static final List<String> PROTECTED_PREFIXES = List.of("/api/", "/v2/");
    static final String TOKEN_HEADER = "token";
    private static final String BEARER = "bearer ";
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final JwtConsumer consumer;
    private final OutletContext outlet;
    /** Outlets are never deleted, so one that exists once can skip the lookup afterwards. */
    private final Set<Long> knownOutlets = ConcurrentHashMap.newKeySet();
    private final VerifiedTokens verified = new VerifiedTokens();

    public OutletAuthFilter(JwtSecret secret, OutletContext outlet) {
        this.outlet = outlet;
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.key()))
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setSkipDefaultAudienceValidation()
                .build();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (PROTECTED_PREFIXES.stream().noneMatch(path::startsWith)) {
            return PASS;
        }
        long outletId;
        try {
            outletId = outletOf(tokenOf(request));
        } catch (Unauthorized e) {
            return Uni.createFrom().item(error(Response.Status.UNAUTHORIZED, e.getMessage()));
        }
        // Set here, on the request's thread; if the outlet turns out not to exist the request ends below with 403
        // and no resource reads it.
        outlet.set(outletId);
        if (knownOutlets.contains(outletId)) {
            return PASS;
        }
        Uni<Boolean> exists = Uni.createFrom().item(() -> outletExists(outletId));
        if (!BlockingOperationControl.isBlockingAllowed()) {
            exists = exists.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return exists.map(found -> found ? null : error(Response.Status.FORBIDDEN, "Outlet with ID not found"));
    }

    private static String tokenOf(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = authorization != null ? authorization.strip() : request.getHeaderString(TOKEN_HEADER);
        if (token != null && token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = token.substring(BEARER.length()).strip();
        }
        if (token == null || token.isBlank()) {
            throw new Unauthorized("missing token: send Authorization: Bearer <jwt>");
        }
        return token.strip();
    }

    /** The token's outlet: from {@link VerifiedTokens} when this exact token passed before, else verified now. */
    private long outletOf(String token) {
        Long known = verified.outletOf(token, System.currentTimeMillis());
        if (known != null) {
            return known;
        }
        JwtClaims claims = verify(token);
        long outletId = outletIdOf(claims);
        verified.remember(token, outletId, expirationOf(claims));
        return outletId;
    }

    private static Long expirationOf(JwtClaims claims) {
        try {
            NumericDate exp = claims.getExpirationTime();
            return exp == null ? null : exp.getValue();
        } catch (MalformedClaimException e) { // jose4j has validated exp already; not reached
            throw new Unauthorized("token exp must be a number");
        }
    }

    private JwtClaims verify(String token) {
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new Unauthorized(reason(e));
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "token expired";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "token signature is invalid";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING) || causedBy(e, InvalidAlgorithmException.class)) {
            return "token must be signed with HS256";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "token is not valid yet";
        }
        return "token is malformed";
    }

    private static long outletIdOf(JwtClaims claims) {
        if (!Tokens.OUTLET_TYPE.equals(claims.getClaimValue("type"))) {
            throw new Unauthorized("token type must be OUTLET");
        }
        Object id = claims.getClaimValue("id");
        if (id instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        if (id instanceof String text && text.strip().matches("\\d{1,18}")) {
            return Long.parseLong(text.strip());
        }
        throw new Unauthorized("token id must be the outlet id (a number)");
    }

    private boolean outletExists(long outletId) {
        boolean exists = QuarkusTransaction.joiningExisting().call(() -> OutletEntity.count("id", outletId) > 0);
        if (exists) {
            knownOutlets.add(outletId);
        }
        return exists;
    }

    private static Response error(Response.Status status, String message) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(message));
        if (status == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A token problem; its message is what the caller reads. */
    private static final class Unauthorized extends RuntimeException {
        Unauthorized(String message) {
            super(message, null, false, false);
        }
    }
}
