package dev.aftercall.server.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.time.Duration;

/** Mints outlet tokens as seed 004 describes them: HS256, claims {@code {"id": <outlet id>, "type": "OUTLET"}}. */
@ApplicationScoped
public class Tokens {
    public static final String OUTLET_TYPE = "OUTLET";

    private final JwtSecret secret;

    public Tokens(JwtSecret secret) {
        this.secret = secret;
    }

    /** A token for {@code outletId}; it never expires when {@code ttlOrNull} is null. */
    public String mint(long outletId, Duration ttlOrNull) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("id", outletId);
        claims.setClaim("type", OUTLET_TYPE);
        claims.setIssuedAtToNow();
        if (ttlOrNull != null) {
            claims.setExpirationTime(NumericDate.fromMilliseconds(System.currentTimeMillis() + ttlOrNull.toMillis()));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.key()));
        // Operators may configure a short secret; JwtSecret warns about it instead of refusing to start.
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
