package dev.signoff.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hostile access tokens after RFC 8725 (JWT Best Current Practices) and the OWASP JWT cheat sheet, made for one
 * deployment: its algorithm, its key (so that tokens wrong in one respect only can be signed for real), and a
 * victim's genuine token, whose claims every forgery carries (so that an accepted forgery would act on the
 * victim's login).
 */
final class AttackTokens {

    /**
     * One hostile token and what it tries.
     *
     * @param genuineButExpired signed with the deployment's key for the victim's login, wrong only in having
     *                          expired: logout's {@code accept-expired} (on by default) identifies the login with it,
     *                          as it is meant to, so it is sent to the protected path only
     */
    record Attack(String name, String token, boolean genuineButExpired) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Signs a JWS signing input. */
    interface Signer {
        byte[] sign(byte[] input) throws GeneralSecurityException;

        static Signer hmac(byte[] key) {
            return input -> {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(input);
            };
        }

        static Signer rsa(PrivateKey key) {
            return input -> signature("SHA256withRSA", key, input);
        }

        /** ES256 as JWS wants it: R and S concatenated (RFC 7518 §3.4), not DER. */
        static Signer ec(PrivateKey key) {
            return input -> signature("SHA256withECDSAinP1363Format", key, input);
        }

        private static byte[] signature(String algorithm, PrivateKey key, byte[] input) throws GeneralSecurityException {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(input);
            return s.sign();
        }
    }

    /** The attacker's own material: key pairs, a self-signed certificate, and the URL of a key server. */
    record Attacker(KeyPair rsa, X509Certificate rsaCertificate, KeyPair ec, String rsaJwk, KeyServer keyServer) {
    }

    /** What the corpus knows of the deployment under attack. */
    record Target(String alg, String kid, Signer key, PublicKey publicKey, String publicJwk, String victimToken) {
    }

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    /** The order of P-256 (SEC 2): r = s = n is the other "psychic signature" of CVE-2022-21449. */
    private static final String P256_ORDER = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

    private final Target target;
    private final Attacker attacker;
    private final ObjectNode victim;
    private final List<Attack> corpus = new ArrayList<>();

    private AttackTokens(Target target, Attacker attacker) {
        this.target = target;
        this.attacker = attacker;
        String payload = target.victimToken().split("\\.")[1];
        try {
            this.victim = (ObjectNode) Http.JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The corpus for this deployment. */
    static List<Attack> corpus(Target target, Attacker attacker) throws Exception {
        AttackTokens tokens = new AttackTokens(target, attacker);
        tokens.algNone();
        tokens.otherAlgorithms();
        tokens.hmacWithThePublicKey();
        tokens.keysInTheHeader();
        tokens.kidTricks();
        tokens.critB64AndTyp();
        tokens.nestedAndEncrypted();
        tokens.claimTypes();
        tokens.timesIssuerAudience();
        tokens.missingClaims();
        tokens.structureAndSize();
        tokens.zeroSignatures();
        return List.copyOf(tokens.corpus);
    }

    /** The deployment's own header and the victim's claims, signed with the deployment's key: a token it accepts. */
    static String genuineForgery(Target target, Attacker attacker) throws Exception {
        AttackTokens tokens = new AttackTokens(target, attacker);
        return tokens.jws(tokens.header(h -> { }), tokens.claims(c -> { }), target.key());
    }

    // ---- the classes of attack

    private void algNone() throws Exception {
        for (String none : new String[] {"none", "None", "NONE", "nOnE", "NoNe", "none "}) {
            add("alg " + none + ", empty signature", unsigned(headerWith("alg", none), claims(c -> { })));
        }
        String genuineSignature = target.victimToken().substring(target.victimToken().lastIndexOf('.') + 1);
        add("alg none with the genuine signature", unsigned(headerWith("alg", "none"), claims(c -> { })) + genuineSignature);
        add("alg none without typ", unsigned("{\"alg\":\"none\"}", claims(c -> { })));
        add("alg none on the victim's own header and claims", b64(json("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"))
                + "." + target.victimToken().split("\\.")[1] + ".");
    }

    private void otherAlgorithms() throws Exception {
        for (String alg : new String[] {"HS256", "HS384", "HS512", "RS256", "RS512", "PS256", "ES256", "ES384", "ES256K",
                "EdDSA", "hs256", "rs256", "es256", ""}) {
            if (!alg.equals(target.alg())) {
                add("alg " + (alg.isEmpty() ? "empty" : alg) + " signed with the attacker's key",
                        jws(headerWith("alg", alg), claims(c -> { }), attackerSigner(alg)));
            }
        }
        add("alg null", jws("{\"alg\":null,\"typ\":\"at+jwt\"}", claims(c -> { }), Signer.hmac(attackerSecret())));
        add("alg a number", jws("{\"alg\":256,\"typ\":\"at+jwt\"}", claims(c -> { }), Signer.hmac(attackerSecret())));
        add("alg an array", jws("{\"alg\":[\"" + target.alg() + "\"],\"typ\":\"at+jwt\"}", claims(c -> { }), target.key()));
    }

    private void hmacWithThePublicKey() throws Exception {
        PublicKey key = target.publicKey() != null ? target.publicKey() : attacker.rsa().getPublic();
        String jwk = target.publicJwk() != null ? target.publicJwk() : attacker.rsaJwk();
        byte[] der = key.getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----";
        String hs256 = headerWith("alg", "HS256");
        add("HS256 keyed with the public key, PEM", jws(hs256, claims(c -> { }), Signer.hmac(utf8(pem + "\n"))));
        add("HS256 keyed with the public key, PEM without the final line break", jws(hs256, claims(c -> { }), Signer.hmac(utf8(pem))));
        add("HS256 keyed with the public key, PEM with CRLF", jws(hs256, claims(c -> { }),
                Signer.hmac(utf8(pem.replace("\n", "\r\n") + "\r\n"))));
        add("HS256 keyed with the public key, DER", jws(hs256, claims(c -> { }), Signer.hmac(der)));
        add("HS256 keyed with the public key, JWK", jws(hs256, claims(c -> { }), Signer.hmac(utf8(jwk))));
        add("HS256 keyed with the public key, JWK set", jws(hs256, claims(c -> { }), Signer.hmac(utf8("{\"keys\":[" + jwk + "]}"))));
        add("HS256 keyed with the public key, base64 DER", jws(hs256, claims(c -> { }),
                Signer.hmac(utf8(Base64.getEncoder().encodeToString(der)))));
    }

    private void keysInTheHeader() throws Exception {
        String ownAlg = target.alg().equals("ES256") ? "ES256" : "RS256";
        Signer own = ownAlg.equals("ES256") ? Signer.ec(attacker.ec().getPrivate()) : Signer.rsa(attacker.rsa().getPrivate());
        String ownJwk = ownAlg.equals("ES256") ? ecJwk() : attacker.rsaJwk();
        String kid = target.kid() == null ? "attacker" : target.kid();
        add("jwk: the attacker's public key embedded", jws(header(h -> {
            h.put("alg", ownAlg);
            h.put("kid", kid);
            h.set("jwk", node(ownJwk));
        }), claims(c -> { }), own));
        String secret = B64URL.encodeToString(attackerSecret());
        add("jwk: an oct key embedded, HS256", jws(header(h -> {
            h.put("alg", "HS256");
            h.set("jwk", node("{\"kty\":\"oct\",\"k\":\"" + secret + "\"}"));
        }), claims(c -> { }), Signer.hmac(attackerSecret())));
        add("jku: the attacker's key server", jws(header(h -> {
            h.put("alg", ownAlg);
            h.put("kid", kid);
            h.put("jku", attacker.keyServer().url("/jwks.json"));
        }), claims(c -> { }), own));
        add("x5u: the attacker's certificate URL", jws(header(h -> {
            h.put("alg", ownAlg);
            h.put("x5u", attacker.keyServer().url("/cert.pem"));
        }), claims(c -> { }), own));
        String certificate = Base64.getEncoder().encodeToString(attacker.rsaCertificate().getEncoded());
        add("x5c: the attacker's self-signed certificate", jws(header(h -> {
            h.put("alg", "RS256");
            h.set("x5c", Http.JSON.createArrayNode().add(certificate));
        }), claims(c -> { }), Signer.rsa(attacker.rsa().getPrivate())));
        add("jku, x5u and jwk together with the genuine kid", jws(header(h -> {
            h.put("alg", ownAlg);
            h.put("jku", attacker.keyServer().url("/jwks"));
            h.put("x5u", attacker.keyServer().url("/x5u"));
            h.set("jwk", node(ownJwk));
        }), claims(c -> { }), own));
    }

    private void kidTricks() throws Exception {
        byte[] zero = {0};
        for (String[] kid : new String[][] {{"path traversal to /dev/null", "../../../../../../../../dev/null"},
                {"absolute /dev/null", "/dev/null"}, {"path traversal to a public file", "../../../../../../etc/hostname"},
                {"SQL injection", "' OR '1'='1' --"}, {"SQL union", "x' UNION SELECT 'AAAAAAAA' -- "},
                {"command injection", "k1|curl 127.0.0.1"}, {"empty", ""}, {"a URL", attacker.keyServer().url("/kid")},
                {"3000 characters", "k".repeat(3000)}}) {
            add("kid " + kid[0] + ", HS256 keyed with a zero byte", jws(header(h -> {
                h.put("alg", "HS256");
                h.put("kid", kid[1]);
            }), claims(c -> { }), Signer.hmac(zero)));
            add("kid " + kid[0] + ", HS256 keyed with an empty-looking secret", jws(header(h -> {
                h.put("alg", "HS256");
                h.put("kid", kid[1]);
            }), claims(c -> { }), Signer.hmac(utf8("AAAAAAAA"))));
        }
        add("kid a number", jws(header(h -> h.put("kid", 1)), claims(c -> { }), target.key()));
        add("kid an object", jws(header(h -> h.set("kid", Http.JSON.createObjectNode())), claims(c -> { }), target.key()));
        add("kid of another key, signed with the deployment's key", jws(header(h -> h.put("kid", "retired-or-unknown")), claims(c -> { }),
                target.key()));
        if (target.kid() != null) {
            add("the genuine kid, signed with the attacker's key", jws(header(h -> { }), claims(c -> { }), attackerSigner(target.alg())));
        }
    }

    private void critB64AndTyp() throws Exception {
        add("crit [exp]", jws(header(h -> {
            h.set("crit", Http.JSON.createArrayNode().add("exp"));
            h.put("exp", 1);
        }), claims(c -> { }), target.key()));
        add("crit []", jws(header(h -> h.set("crit", Http.JSON.createArrayNode())), claims(c -> { }), target.key()));
        add("crit with an unknown extension", jws(header(h -> {
            h.set("crit", Http.JSON.createArrayNode().add("http://example.invalid/ext"));
            h.put("http://example.invalid/ext", true);
        }), claims(c -> { }), target.key()));
        add("crit a string", jws(header(h -> h.put("crit", "exp")), claims(c -> { }), target.key()));
        String b64False = header(h -> {
            h.set("crit", Http.JSON.createArrayNode().add("b64"));
            h.put("b64", false);
        });
        String payload = claims(c -> { });
        add("b64 false, unencoded payload (RFC 7797)", unencoded(b64False, payload, payload));
        add("b64 false, detached payload", unencoded(b64False, payload, ""));
        add("b64 false without crit", jws(header(h -> h.put("b64", false)), payload, target.key()));
        add("typ missing", jws(header(h -> h.remove("typ")), payload, target.key()));
        for (String typ : new String[] {"JWT", "jwt", "application/at+jwt", "at+jwt ", "", "JOSE", "jwt+at"}) {
            add("typ '" + typ + "'", jws(header(h -> h.put("typ", typ)), payload, target.key()));
        }
        add("typ a number", jws(header(h -> h.put("typ", 1)), payload, target.key()));
        add("typ an array", jws(header(h -> h.set("typ", Http.JSON.createArrayNode().add("at+jwt"))), payload, target.key()));
    }

    private void nestedAndEncrypted() throws Exception {
        add("cty JWT around the claims", jws(header(h -> h.put("cty", "JWT")), claims(c -> { }), target.key()));
        add("cty JWT around the victim's genuine token", jwsRaw(header(h -> h.put("cty", "JWT")), utf8(target.victimToken()), target.key()));
        add("alg none around the victim's genuine token", b64(json("{\"alg\":\"none\",\"cty\":\"JWT\"}")) + "."
                + b64(utf8(target.victimToken())) + ".");
        add("attacker-signed around the victim's genuine token", jwsRaw("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"cty\":\"JWT\"}",
                utf8(target.victimToken()), Signer.hmac(attackerSecret())));
        add("JWE RSA-OAEP shape (five parts)", b64(json("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"typ\":\"at+jwt\"}"))
                + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
        add("JWE dir shape (five parts, empty key)", b64(json("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\",\"cty\":\"JWT\"}"))
                + "..AAAAAAAAAAAAAAAAAAAAAA." + b64(utf8(target.victimToken())) + ".AAAAAAAAAAAAAAAAAAAAAA");
        add("four parts", target.victimToken() + ".AAAA");
    }

    private void claimTypes() throws Exception {
        String sub = victim.get("sub").asText();
        String sid = victim.get("sid").asText();
        String[][] wrong = {{"sub", "1"}, {"sub", "[\"" + sub + "\"]"}, {"sub", "{\"name\":\"" + sub + "\"}"}, {"sub", "true"},
                {"sid", "1"}, {"sid", "[\"" + sid + "\"]"}, {"sid", "null"}, {"sid", "\"\""}, {"jti", "1"}, {"jti", "[\"x\"]"},
                {"iss", "[\"signoff\"]"}, {"iss", "1"}, {"aud", "1"}, {"aud", "[1]"}, {"aud", "{\"signoff\":true}"},
                {"exp", "\"" + (now() + 600) + "\""}, {"exp", "{}"}, {"exp", "1e300"}, {"exp", "-1"}, {"iat", "\"" + now() + "\""},
                {"iat", "[0]"}, {"nbf", "\"0\""}, {"roles", "\"admin\""}, {"roles", "[1]"}, {"roles", "{\"admin\":true}"}};
        for (String[] claim : wrong) {
            add(claim[0] + " of the wrong type (" + claim[1] + ")", jws(header(h -> { }), claims(c -> c.set(claim[0], node(claim[1]))),
                    target.key()));
        }
    }

    private void timesIssuerAudience() throws Exception {
        long now = now();
        addExpired("exp an hour ago", jws(header(h -> { }), claims(c -> c.put("exp", now - 3600)), target.key()));
        addExpired("exp beyond the clock skew", jws(header(h -> { }), claims(c -> c.put("exp", now - 120)), target.key()));
        add("nbf in an hour", jws(header(h -> { }), claims(c -> c.put("nbf", now + 3600)), target.key()));
        add("iat in an hour", jws(header(h -> { }), claims(c -> c.put("iat", now + 3600)), target.key()));
        add("exp in 9999, iat in 9990", jws(header(h -> { }), claims(c -> {
            c.put("iat", 253_117_000_000L);
            c.put("exp", 253_402_300_000L);
        }), target.key()));
        for (String iss : new String[] {"evil", "Signoff", "signoff ", "https://signoff.example"}) {
            add("iss '" + iss + "'", jws(header(h -> { }), claims(c -> c.put("iss", iss)), target.key()));
        }
        add("aud 'evil'", jws(header(h -> { }), claims(c -> c.put("aud", "evil")), target.key()));
        add("aud ['evil']", jws(header(h -> { }), claims(c -> c.set("aud", Http.JSON.createArrayNode().add("evil"))), target.key()));
        add("aud []", jws(header(h -> { }), claims(c -> c.set("aud", Http.JSON.createArrayNode())), target.key()));
        add("aud 'SIGNOFF'", jws(header(h -> { }), claims(c -> c.put("aud", "SIGNOFF")), target.key()));
    }

    private void missingClaims() throws Exception {
        for (String claim : new String[] {"iss", "aud", "sub", "sid", "jti", "iat", "exp"}) {
            add("without " + claim, jws(header(h -> { }), claims(c -> c.remove(claim)), target.key()));
        }
        add("without any claim", jws(header(h -> { }), "{}", target.key()));
    }

    private void structureAndSize() throws Exception {
        String genuine = target.victimToken();
        String[] parts = genuine.split("\\.");
        add("empty", "");
        add("a dot", ".");
        add("two dots", "..");
        add("three dots", "...");
        add("two parts", parts[0] + "." + parts[1]);
        add("the genuine token without its signature", parts[0] + "." + parts[1] + ".");
        add("the genuine token with a trailing dot", genuine + ".");
        add("the genuine token with a padded signature", genuine + "==");
        add("the genuine token with a leading dot", "." + genuine);
        char c0 = parts[2].charAt(3);
        add("the genuine token with one signature character changed", parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, 3) + (c0 == 'A' ? 'B' : 'A') + parts[2].substring(4));
        add("the genuine signature on other claims", parts[0] + "." + b64(utf8(claims(c -> {
            c.put("sub", "admin");
            c.set("roles", Http.JSON.createArrayNode().add("admin"));
        }))) + "." + parts[2]);
        add("the genuine signature on a header without typ", b64(utf8(headerWith("typ", null))) + "." + parts[1] + "." + parts[2]);
        add("12 KB of payload", jws(header(h -> { }), claims(c -> c.put("pad", "x".repeat(9000))), target.key()));
        add("standard base64 (+, / and padding), signed", standardBase64());
        add("characters outside base64url", "eyJ!!!.e30.AAAA");
        add("a space inside", parts[0] + ". " + parts[1] + "." + parts[2]);
        add("percent-encoded dots", parts[0] + "%2E" + parts[1] + "%2E" + parts[2]);
        add("header JSON null (bnVsbA)", "bnVsbA." + parts[1] + "." + parts[2]);
        String payload = claims(c -> { });
        add("header JSON null, signed", jws("null", payload, target.key()));
        add("header JSON array, signed", jws("[\"" + target.alg() + "\"]", payload, target.key()));
        add("header JSON number, signed", jws("1", payload, target.key()));
        add("header JSON string, signed", jws("\"" + target.alg() + "\"", payload, target.key()));
        add("header {}, signed", jws("{}", payload, target.key()));
        add("header not JSON, signed", jws("{alg:" + target.alg() + "}", payload, target.key()));
        add("header not UTF-8, signed", jwsRaw(new String(new byte[] {(byte) 0xff, (byte) 0xfe}, StandardCharsets.ISO_8859_1),
                utf8(payload), target.key()));
        add("payload JSON null, signed", jws(header(h -> { }), "null", target.key()));
        add("payload JSON array, signed", jws(header(h -> { }), "[" + payload + "]", target.key()));
        add("payload JSON string, signed", jws(header(h -> { }), "\"" + payload.replace("\"", "\\\"") + "\"", target.key()));
        add("payload not UTF-8, signed", jwsRaw(header(h -> { }), new byte[] {(byte) 0xc3, (byte) 0x28, '{', '}'}, target.key()));
        add("payload 2000 arrays deep, signed", jws(header(h -> { }), "[".repeat(2000) + "]".repeat(2000), target.key()));
        String header = header(h -> { });
        add("duplicate alg in the header, signed", jws("{\"alg\":\"none\"," + header.substring(1), payload, target.key()));
        add("duplicate alg in the header, none last, signed", jws(header.substring(0, header.length() - 1) + ",\"alg\":\"none\"}",
                payload, target.key()));
        add("duplicate sub in the payload, signed", jws(header, "{\"sub\":\"admin\"," + payload.substring(1), target.key()));
        add("duplicate sid in the payload, signed", jws(header, payload.substring(0, payload.length() - 1) + ",\"sid\":\"other\"}",
                target.key()));
    }

    /** The deployment's header and the victim's claims in the base64 alphabet of RFC 4648 §4, not base64url, signed. */
    private String standardBase64() throws GeneralSecurityException {
        Base64.Encoder standard = Base64.getEncoder();
        String pad = "";
        String payload;
        do {
            pad += "?>";
            String padded = pad;
            payload = standard.encodeToString(utf8(claims(c -> c.put("x", padded))));
        } while (!(payload.contains("+") && payload.contains("/")));
        String input = standard.encodeToString(utf8(header(h -> { }))) + "." + payload;
        return input + "." + standard.encodeToString(target.key().sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private void zeroSignatures() throws Exception {
        String input = b64(utf8(header(h -> h.put("alg", "ES256")))) + "." + b64(utf8(claims(c -> { })));
        byte[] order = HexFormat.of().parseHex(P256_ORDER);
        byte[] orderTwice = new byte[64];
        System.arraycopy(order, 0, orderTwice, 0, 32);
        System.arraycopy(order, 0, orderTwice, 32, 32);
        add("ES256 r = s = 0 (CVE-2022-21449)", input + "." + B64URL.encodeToString(new byte[64]));
        add("ES256 r = s = 0, DER", input + "." + B64URL.encodeToString(HexFormat.of().parseHex("3006020100020100")));
        add("ES256 r = s = n (the curve order)", input + "." + B64URL.encodeToString(orderTwice));
        add("ES256 empty signature", input + ".");
        add("ES256 one zero byte", input + ".AA");
        add("ES256 a 65-byte zero signature", input + "." + B64URL.encodeToString(new byte[65]));
        String own = b64(utf8(header(h -> { }))) + "." + b64(utf8(claims(c -> { })));
        add(target.alg() + " all-zero signature", own + "." + B64URL.encodeToString(new byte[target.alg().equals("RS256") ? 256 : 64]));
    }

    // ---- building tokens

    private void add(String name, String token) {
        corpus.add(new Attack(name, token, false));
    }

    private void addExpired(String name, String token) {
        corpus.add(new Attack(name, token, true));
    }

    private long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** The deployment's own header ({@code alg}, {@code typ}, {@code kid}), changed by {@code change}. */
    private String header(Consumer<ObjectNode> change) {
        ObjectNode header = Http.JSON.createObjectNode().put("alg", target.alg()).put("typ", "at+jwt");
        if (target.kid() != null) {
            header.put("kid", target.kid());
        }
        change.accept(header);
        return header.toString();
    }

    /** The deployment's own header with one member set ({@code null} removes it). */
    private String headerWith(String name, String value) {
        return header(h -> {
            if (value == null) {
                h.remove(name);
            } else {
                h.put(name, value);
            }
        });
    }

    /** The victim's claims, changed by {@code change}. */
    private String claims(Consumer<ObjectNode> change) {
        ObjectNode claims = victim.deepCopy();
        change.accept(claims);
        return claims.toString();
    }

    private String jws(String header, String payload, Signer key) throws GeneralSecurityException {
        return jwsRaw(header, utf8(payload), key);
    }

    private static String jwsRaw(String header, byte[] payload, Signer key) throws GeneralSecurityException {
        String input = b64(header.getBytes(charsetOf(header))) + "." + b64(payload);
        return input + "." + B64URL.encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** RFC 7797: the signing input holds the payload as it is; the compact form carries {@code carried}. */
    private String unencoded(String header, String payload, String carried) throws GeneralSecurityException {
        String encodedHeader = b64(utf8(header));
        byte[] signature = target.key().sign(utf8(encodedHeader + "." + payload));
        return encodedHeader + "." + carried + "." + B64URL.encodeToString(signature);
    }

    private static String unsigned(String header, String payload) {
        return b64(utf8(header)) + "." + b64(utf8(payload)) + ".";
    }

    private Signer attackerSigner(String alg) {
        return switch (alg) {
            case "RS256", "RS512", "PS256", "rs256" -> Signer.rsa(attacker.rsa().getPrivate());
            case "ES256", "ES384", "ES256K", "es256" -> Signer.ec(attacker.ec().getPrivate());
            default -> Signer.hmac(attackerSecret());
        };
    }

    private static byte[] attackerSecret() {
        return utf8("attacker-secret-0123456789abcdefghijklmnop");
    }

    private String ecJwk() {
        java.security.interfaces.ECPublicKey key = (java.security.interfaces.ECPublicKey) attacker.ec().getPublic();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + B64URL.encodeToString(unsigned32(key.getW().getAffineX()))
                + "\",\"y\":\"" + B64URL.encodeToString(unsigned32(key.getW().getAffineY())) + "\"}";
    }

    private static byte[] unsigned32(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static java.nio.charset.Charset charsetOf(String header) {
        // a header given as ISO-8859-1 text stands for raw bytes (the not-UTF-8 case); any other is UTF-8 JSON
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) > 0x7f) {
                return StandardCharsets.ISO_8859_1;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static JsonNode node(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static byte[] json(String json) {
        return utf8(json);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }
}
