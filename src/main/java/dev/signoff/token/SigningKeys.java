package dev.signoff.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.signoff.config.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key that signs access tokens and the keys that verify them, for one pinned algorithm. Signers and
 * verifiers are built once here and shared; they are thread-safe.
 *
 * <p>With HS256 one secret of at least 256 bits signs and verifies. With RS256, ES256 (P-256) and EdDSA
 * (Ed25519) the keys come from a JWK set: every key of the algorithm's type verifies (so a retired key keeps
 * verifying until its tokens expire), the one named by {@code signoff.signing-key-id}, else the first private
 * key of that type, signs. A token's {@code kid} selects the verifier; keys embedded in or referenced by the
 * token's header ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never consulted.
 */
public final class SigningKeys {

    /** The minimum HMAC secret length, in bytes (RFC 7518 §3.2: at least the hash output size). */
    public static final int MIN_SECRET_BYTES = 32;

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final String signingKeyId;
    private final Map<String, JWSVerifier> verifiersById;
    private final JWSVerifier soleVerifier;

    private SigningKeys(JWSAlgorithm algorithm, JWSSigner signer, String signingKeyId, Map<String, JWSVerifier> verifiersById,
                        JWSVerifier soleVerifier) {
        this.algorithm = algorithm;
        this.signer = signer;
        this.signingKeyId = signingKeyId;
        this.verifiersById = Collections.unmodifiableMap(verifiersById);
        this.soleVerifier = soleVerifier;
    }

    /** HS256 keys from a shared secret. */
    public static SigningKeys hmac(byte[] secret, String parameter) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException(parameter, "an HS256 secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) but this one has " + secret.length);
        }
        try {
            MACVerifier verifier = new MACVerifier(secret);
            return new SigningKeys(JWSAlgorithm.HS256, new MACSigner(secret), null, Map.of(), verifier);
        } catch (JOSEException e) {
            throw new ConfigException(parameter, "unusable HS256 secret: " + e.getMessage());
        }
    }

    /** RS256, ES256 or EdDSA keys from a JWK set. */
    public static SigningKeys fromJwkSet(JWSAlgorithm algorithm, JWKSet jwks, String signingKeyId, String parameter,
                                         String keyIdParameter) {
        Map<String, JWSVerifier> verifiers = new LinkedHashMap<>();
        JWK signing = null;
        JWSVerifier only = null;
        int matching = 0;
        try {
            for (JWK jwk : jwks.getKeys()) {
                if (!fits(algorithm, jwk)) {
                    continue;
                }
                matching++;
                JWSVerifier verifier = verifier(algorithm, jwk);
                only = verifier;
                if (jwk.getKeyID() != null) {
                    if (verifiers.put(jwk.getKeyID(), verifier) != null) {
                        throw new ConfigException(parameter, "two " + algorithm + " keys share the kid '" + jwk.getKeyID() + "'");
                    }
                }
                boolean named = signingKeyId != null && signingKeyId.equals(jwk.getKeyID());
                if (jwk.isPrivate() && (named || signingKeyId == null && signing == null)) {
                    signing = jwk;
                }
            }
            if (matching == 0) {
                throw new ConfigException(parameter, "the JWK set holds no key usable with " + algorithm
                        + " (" + expectedKey(algorithm) + ")");
            }
            if (matching > 1 && verifiers.size() != matching) {
                throw new ConfigException(parameter, "with several " + algorithm + " keys every key needs a distinct kid");
            }
            if (signing == null) {
                throw new ConfigException(signingKeyId != null ? keyIdParameter : parameter, signingKeyId != null
                        ? "no private " + algorithm + " key with kid '" + signingKeyId + "' in the JWK set"
                        : "the JWK set holds no private " + algorithm + " key to sign with");
            }
            return new SigningKeys(algorithm, signer(algorithm, signing), signing.getKeyID(), verifiers, matching == 1 ? only : null);
        } catch (JOSEException e) {
            throw new ConfigException(parameter, "unusable " + algorithm + " key: " + e.getMessage());
        }
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    public JWSSigner signer() {
        return signer;
    }

    /** The {@code kid} written into issued tokens; {@code null} for HS256. */
    public String signingKeyId() {
        return signingKeyId;
    }

    /**
     * The verifier for a token's {@code kid}: the key with that {@code kid}; without a {@code kid}, the single key if
     * there is only one. {@code null} if none fits: a {@code kid} that names no configured key (any {@code kid} with
     * HS256, whose tokens carry none) is refused rather than tried against another key.
     */
    public JWSVerifier verifierFor(String keyId) {
        return keyId == null ? soleVerifier : verifiersById.get(keyId);
    }

    private static boolean fits(JWSAlgorithm algorithm, JWK jwk) {
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.getName())) {
            return false;
        }
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return jwk instanceof RSAKey;
        }
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return jwk instanceof ECKey && Curve.P_256.equals(((ECKey) jwk).getCurve());
        }
        return jwk instanceof OctetKeyPair && Curve.Ed25519.equals(((OctetKeyPair) jwk).getCurve());
    }

    private static String expectedKey(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return "kty RSA";
        }
        return JWSAlgorithm.ES256.equals(algorithm) ? "kty EC, crv P-256" : "kty OKP, crv Ed25519";
    }

    private static JWSVerifier verifier(JWSAlgorithm algorithm, JWK jwk) throws JOSEException {
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return new RSASSAVerifier(((RSAKey) jwk).toRSAPublicKey());
        }
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return new ECDSAVerifier(((ECKey) jwk).toPublicJWK());
        }
        return new Ed25519Verifier(((OctetKeyPair) jwk).toPublicJWK());
    }

    private static JWSSigner signer(JWSAlgorithm algorithm, JWK jwk) throws JOSEException {
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return new RSASSASigner((RSAKey) jwk);
        }
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return new ECDSASigner((ECKey) jwk);
        }
        return new Ed25519Signer((OctetKeyPair) jwk);
    }
}
