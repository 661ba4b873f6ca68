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
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import dev.signoff.config.ConfigException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * The key that signs access tokens and the keys that verify them, for one pinned algorithm. Signers and
 * verifiers are built once here and shared; they are thread-safe.
 *
 * <p>With HS256 one secret of at least 256 bits signs and verifies. With RS256, ES256 (P-256) and EdDSA
 * (Ed25519) the keys come from a JWK set: every key of the algorithm's type verifies (so a retired key keeps
 * verifying until its tokens expire), the one named by {@code signoff.signing-key-id}, else the first private
 * key of that type, signs. A token's {@code kid} selects the verifier; keys embedded in or referenced by the
 * token's header ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never consulted.
 *
 * <p>Every issued token carries a {@code kid}: the configured one, or, for an HS256 secret and for a single JWK
 * without one, the key's RFC 7638 thumbprint (which, for a secret of at least 256 bits, tells nothing of it). A token
 * without {@code kid} is still verified when only one key is configured, as tokens issued before were.
 *
 * <p>Keys Signoff keeps in its database ({@link #stored}, when neither {@code signoff.secret} nor
 * {@code signoff.jwks-file} is set) are {@link #install installed} by {@code dev.signoff.keys.StoredKeys} at start
 * and after each rotation. Every read here takes one immutable snapshot from a volatile field: no lock and no database
 * work on the authenticated path.
 */
public final class SigningKeys {

    /** The minimum HMAC secret length, in bytes (RFC 7518 §3.2: at least the hash output size). */
    public static final int MIN_SECRET_BYTES = 32;

    /** The provider the platform chooses for HmacSHA256 ({@link #withHmacProvider}). */
    private static final Provider HMAC_PROVIDER = hmacProvider();

    /** The key that signs, with the {@code kid} the token's header names. */
    public record Signing(String keyId, JWSSigner signer) {
    }

    /** One consistent state: the signing key, the verifiers by {@code kid}, the public JWK set as JSON. */
    private record State(Signing signing, Map<String, JWSVerifier> verifiersById, JWSVerifier soleVerifier, String publicJson) {
    }

    private final JWSAlgorithm algorithm;
    private final boolean stored;
    private volatile State state;

    private SigningKeys(JWSAlgorithm algorithm, boolean stored, State state) {
        this.algorithm = algorithm;
        this.stored = stored;
        this.state = state;
    }

    private SigningKeys(JWSAlgorithm algorithm, JWSSigner signer, String signingKeyId, Map<String, JWSVerifier> verifiersById,
                        JWSVerifier soleVerifier, List<JWK> publicKeys) {
        this(algorithm, false, new State(new Signing(signingKeyId, signer), Collections.unmodifiableMap(verifiersById),
                soleVerifier, new JWKSet(publicKeys).toString(true)));
    }

    /**
     * Keys for {@code algorithm} that Signoff keeps in its database: nothing signs or verifies until the first
     * {@link #install}.
     */
    public static SigningKeys stored(JWSAlgorithm algorithm) {
        return new SigningKeys(algorithm, true, new State(null, Map.of(), null, new JWKSet().toString(true)));
    }

    /** Whether these keys are kept in the database ({@link #stored}) rather than configured. */
    public boolean isStored() {
        return stored;
    }

    /**
     * Replaces the keys of {@link #stored} keys, at once for every caller: {@code signing} signs from now on, it and
     * {@code verifying} verify. Each key has a {@code kid}; HS256 keys are {@link OctetSequenceKey}s.
     *
     * @throws JOSEException if a key does not fit the algorithm
     */
    public void install(JWK signing, List<JWK> verifying) throws JOSEException {
        if (!stored) {
            throw new IllegalStateException("configured keys are not replaced");
        }
        Map<String, JWSVerifier> verifiers = new LinkedHashMap<>();
        List<JWK> publicKeys = new ArrayList<>();
        for (JWK jwk : verifying) {
            verifiers.put(jwk.getKeyID(), verifier(algorithm, jwk));
            if (!JWSAlgorithm.HS256.equals(algorithm)) {
                publicKeys.add(published(algorithm, jwk, jwk.getKeyID()));
            }
        }
        if (!verifiers.containsKey(signing.getKeyID())) {
            throw new IllegalArgumentException("the signing key is not among the verifying keys");
        }
        JWSSigner signer = JWSAlgorithm.HS256.equals(algorithm)
                ? withHmacProvider(new MACSigner((OctetSequenceKey) signing)) : signer(algorithm, signing);
        state = new State(new Signing(signing.getKeyID(), signer), Collections.unmodifiableMap(verifiers), null,
                new JWKSet(publicKeys).toString(true));
    }

    /** HS256 keys from a shared secret. */
    public static SigningKeys hmac(byte[] secret, String parameter) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException(parameter, "an HS256 secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) but this one has " + secret.length);
        }
        try {
            JWSVerifier verifier = withHmacProvider(new MACVerifier(secret));
            String kid = new OctetSequenceKey.Builder(secret).build().computeThumbprint().toString();
            return new SigningKeys(JWSAlgorithm.HS256, withHmacProvider(new MACSigner(secret)), kid, Map.of(kid, verifier), verifier,
                    List.of());
        } catch (JOSEException e) {
            throw new ConfigException(parameter, "unusable HS256 secret: " + e.getMessage());
        }
    }

    /** RS256, ES256 or EdDSA keys from a JWK set. */
    public static SigningKeys fromJwkSet(JWSAlgorithm algorithm, JWKSet jwks, String signingKeyId, String parameter,
                                         String keyIdParameter) {
        Map<String, JWSVerifier> verifiers = new LinkedHashMap<>();
        List<JWK> publicKeys = new ArrayList<>();
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
                publicKeys.add(published(algorithm, jwk, jwk.getKeyID() != null ? jwk.getKeyID() : jwk.computeThumbprint().toString()));
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
            String kid = signing.getKeyID();
            if (kid == null) {
                // the single key has no kid of its own: its tokens name it by its thumbprint
                kid = signing.computeThumbprint().toString();
                verifiers.put(kid, only);
            }
            return new SigningKeys(algorithm, signer(algorithm, signing), kid, verifiers, matching == 1 ? only : null, publicKeys);
        } catch (JOSEException e) {
            throw new ConfigException(parameter, "unusable " + algorithm + " key: " + e.getMessage());
        }
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The key that signs now and its {@code kid}, read together. */
    public Signing signing() {
        Signing signing = state.signing();
        if (signing == null) {
            throw new IllegalStateException("no signing key has been loaded from the database yet");
        }
        return signing;
    }

    public JWSSigner signer() {
        return signing().signer();
    }

    /** The {@code kid} written into issued tokens. */
    public String signingKeyId() {
        return signing().keyId();
    }

    /** The {@code kid}s that verify now, the signing one among them. */
    public java.util.Set<String> keyIds() {
        return state.verifiersById().keySet();
    }

    /**
     * The public keys as a JWK set (RFC 7517 §5), in JSON: every RS256, ES256 or EdDSA key that verifies, with its
     * {@code kid}, {@code alg} and {@code use} {@code sig}; an empty set for HS256, whose secret is never published.
     */
    public String publicJwkSetJson() {
        return state.publicJson();
    }

    /**
     * The verifier for a token's {@code kid}: the key with that {@code kid}; without a {@code kid}, the single key if
     * there is only one. {@code null} if none fits: a {@code kid} that names no configured key (any {@code kid} with
     * HS256, whose tokens carry none) is refused rather than tried against another key.
     */
    public JWSVerifier verifierFor(String keyId) {
        State current = state;
        return keyId == null ? current.soleVerifier() : current.verifiersById().get(keyId);
    }

    /** The public half of {@code jwk} as published: its {@code kid}, {@code alg} and {@code use}. */
    private static JWK published(JWSAlgorithm algorithm, JWK jwk, String kid) {
        JWK pub = jwk.toPublicJWK();
        if (pub instanceof RSAKey rsa) {
            return new RSAKey.Builder(rsa).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
        }
        if (pub instanceof ECKey ec) {
            return new ECKey.Builder(ec).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
        }
        return new OctetKeyPair.Builder((OctetKeyPair) pub).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
    }

    private static boolean fits(JWSAlgorithm algorithm, JWK jwk) {
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.getName())) {
            return false;
        }
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return jwk instanceof OctetSequenceKey;
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
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return withHmacProvider(new MACVerifier((OctetSequenceKey) jwk));
        }
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return new RSASSAVerifier(((RSAKey) jwk).toRSAPublicKey());
        }
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return new ECDSAVerifier(((ECKey) jwk).toPublicJWK());
        }
        return new Ed25519Verifier(((OctetKeyPair) jwk).toPublicJWK());
    }

    /**
     * Pins the provider the platform chooses for HmacSHA256, looked up once: without one, every signature and every
     * verification searches the provider list for a {@code Mac} and chooses a provider again when the key is given
     * (together about a sixth of a first HS256 verification).
     */
    private static <T extends JCAAware<JCAContext>> T withHmacProvider(T macSignerOrVerifier) {
        macSignerOrVerifier.getJCAContext().setProvider(HMAC_PROVIDER);
        return macSignerOrVerifier;
    }

    private static Provider hmacProvider() {
        try {
            return Mac.getInstance("HmacSHA256").getProvider();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
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
