package dev.signoff.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Access tokens made by the tests themselves, with the secret the server under test was given. */
public final class Tokens {

    public static final String SECRET = "integration-secret-0123456789-abcdefghij";

    private Tokens() {
    }

    public static JWTClaimsSet.Builder claims(String subject, String sid) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("signoff").audience("signoff").subject(subject).jwtID("forged-" + System.nanoTime())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("sid", sid)
                .claim("roles", List.of("user"));
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, SECRET, h -> h);
    }

    public static String sign(JWTClaimsSet claims, String secret, UnaryOperator<JWSHeader.Builder> header) {
        try {
            SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))).build(),
                    claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
