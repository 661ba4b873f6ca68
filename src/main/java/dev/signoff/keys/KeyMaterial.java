package dev.signoff.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWK;
import dev.signoff.config.ConfigException;
import java.text.ParseException;
import javax.crypto.spec.SecretKeySpec;

/**
 * A private key as it is stored: its JWK JSON (RFC 7517), or, with a key-encryption key, that JSON in a compact JWE
 * (RFC 7516) encrypted directly with the key-encryption key ({@code alg} {@code dir}, {@code enc} {@code A256GCM}). The
 * JWE's protected header names the key's {@code kid}, and is authenticated with the ciphertext, so that a stored
 * ciphertext moved to another row is refused. With a key-encryption key, plain material is refused: whoever can write
 * the table could otherwise plant a key of their own. This class is immutable and thread-safe.
 */
final class KeyMaterial {

    private final SecretKeySpec kek;

    /** @param kek the AES-256 key-encryption key, or {@code null} to store keys as plain JWK JSON */
    KeyMaterial(byte[] kek) {
        this.kek = kek == null ? null : new SecretKeySpec(kek, "AES");
    }

    boolean encrypts() {
        return kek != null;
    }

    /** The stored form of {@code jwk}. */
    String seal(JWK jwk) {
        String json = jwk.toJSONString();
        if (kek == null) {
            return json;
        }
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                    .keyID(jwk.getKeyID()).build(), new Payload(json));
            jwe.encrypt(new DirectEncrypter(kek));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("encrypting a signing key failed", e);
        }
    }

    /**
     * The key stored as {@code material} in the row of {@code kid}.
     *
     * @throws ConfigException naming {@value KeySettings#KEY_ENCRYPTION_KEY}, saying why, never quoting the material
     */
    JWK open(String kid, String material) {
        boolean plain = material.startsWith("{");
        if (kek == null && !plain) {
            throw new ConfigException(KeySettings.KEY_ENCRYPTION_KEY, "is not set, but the stored signing key " + kid
                    + " is encrypted: set it to the key-encryption key the key was stored with");
        }
        if (kek != null && plain) {
            throw new ConfigException(KeySettings.KEY_ENCRYPTION_KEY, "is set, but the stored signing key " + kid
                    + " is not encrypted: delete the rows of signoff_signing_key to start with new keys "
                    + "(tokens signed so far are then refused), or start without " + KeySettings.KEY_ENCRYPTION_KEY);
        }
        try {
            String json;
            if (plain) {
                json = material;
            } else {
                JWEObject jwe = JWEObject.parse(material);
                if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                        || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())
                        || !kid.equals(jwe.getHeader().getKeyID())) {
                    throw new ConfigException(KeySettings.KEY_ENCRYPTION_KEY, "the stored signing key " + kid + " is not sealed for its row");
                }
                jwe.decrypt(new DirectDecrypter(kek));
                json = jwe.getPayload().toString();
            }
            JWK jwk = JWK.parse(json);
            if (!kid.equals(jwk.getKeyID()) || !jwk.isPrivate()) {
                throw new ConfigException(KeySettings.KEY_ENCRYPTION_KEY, "the stored signing key " + kid + " does not match its row");
            }
            return jwk;
        } catch (JOSEException e) {
            throw new ConfigException(KeySettings.KEY_ENCRYPTION_KEY, "cannot decrypt the stored signing key " + kid
                    + ": it was stored with another key-encryption key");
        } catch (ParseException e) {
            throw new ConfigException(KeySettings.KEY_ENCRYPTION_KEY, "the stored signing key " + kid + " is unreadable");
        }
    }
}
