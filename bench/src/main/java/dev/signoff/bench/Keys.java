package dev.signoff.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The signing settings of each algorithm Signoff supports, with fresh keys (JWK set files written to a directory). */
public final class Keys {

    /** The algorithms, in the order results list them. */
    public static final List<String> ALGORITHMS = List.of("HS256", "RS256", "ES256", "EdDSA");

    /** A fixed HS256 secret of 48 bytes (benchmarks only). */
    public static final String SECRET = "bench-secret-0123456789-abcdefghijklmnopqrstuvwx";

    private Keys() {
    }

    /** For each algorithm, the {@code signoff.*} context-params that select it; JWK sets are written into {@code dir}. */
    public static Map<String, Map<String, String>> contextParams(Path dir) {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        for (String algorithm : ALGORITHMS) {
            params.put(algorithm, contextParams(algorithm, dir));
        }
        return params;
    }

    public static Map<String, String> contextParams(String algorithm, Path dir) {
        if ("HS256".equals(algorithm)) {
            return Map.of("signoff.algorithm", "HS256", "signoff.secret", SECRET);
        }
        Path file = dir.resolve(algorithm.toLowerCase() + ".jwks.json");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, new JWKSet(generate(algorithm)).toString(false), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("signoff.algorithm", algorithm, "signoff.jwks-file", file.toString());
    }

    private static JWK generate(String algorithm) {
        try {
            return switch (algorithm) {
                case "RS256" -> new RSAKeyGenerator(2048).keyID("rsa-1").generate();
                case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
                case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
                default -> throw new IllegalArgumentException(algorithm);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }
}
