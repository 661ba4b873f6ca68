package dev.signoff.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an access token's signature and claims; revocation is checked elsewhere, against memory.
 *
 * <p>The algorithm is pinned: the header must name exactly the configured one, so {@code none} in any spelling, an
 * HMAC token presented to an RSA/EC/EdDSA deployment, or the reverse, are all refused; the key is chosen by
 * Signoff's own configuration and the header's {@code kid} only, never by keys the header carries ({@code jwk},
 * {@code jku}, {@code x5u}, {@code x5c} are never read). The {@code typ} must be {@code at+jwt}; a {@code crit}
 * header of any value, an unencoded payload ({@code b64}) and a content type ({@code cty}, as in nested JWTs) are
 * refused (RFC 8725 §3.11, RFC 7515 §4.1.11, RFC 7797). Every claim Signoff issues is required with its JSON type:
 * {@code iss} (a string equal to the issuer), {@code aud} (a string or an array of strings holding the audience),
 * {@code sub}, {@code sid} and {@code jti} (non-empty strings), {@code iat} and {@code exp} (numbers); {@code nbf}
 * (a number) and {@code roles} (an array of strings) are optional. {@code exp}, {@code nbf} and {@code iat} are
 * checked against the clock with the configured skew.
 *
 * <p>Whatever the input, the only outcome besides an {@link AccessToken} is an {@link InvalidTokenException}: a
 * failure of any kind inside parsing or verification is a refusal, never an error of the request. Its reason names
 * what is wrong without quoting the token or values taken from it.
 *
 * <p>This class is thread-safe.
 */
public final class AccessTokenVerifier {

    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 8192;

    /** The latest NumericDate accepted, 9999-12-31T23:59:59Z, so that seconds always convert to milliseconds. */
    static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    /** How many verified tokens are remembered ({@link VerifiedTokenCache}): about 6 MB at most. */
    public static final int DEFAULT_CACHE_SIZE = 8192;

    /** The claims read from the payload; the others are parsed but not kept. */
    private static final Set<String> READ = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.AUDIENCE, JWTClaimNames.SUBJECT, "sid",
            JWTClaimNames.JWT_ID, JWTClaimNames.ISSUED_AT, JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.NOT_BEFORE, "roles");

    /** The kinds of a token's characters in {@link #checkShape}. */
    private static final int DOT = 1;
    private static final int OUTSIDE = 2;
    /** Each byte's kind: 0 for the base64url alphabet, {@link #DOT}, or {@link #OUTSIDE}. */
    private static final byte[] KIND = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            KIND[c] = (byte) (c == '.' ? DOT : Ids.isBase64Url((char) c) ? 0 : OUTSIDE);
        }
    }

    private final TokenSettings settings;
    private final Clock clock;
    private final long skewSeconds;
    private final VerifiedTokenCache verified;
    private final CheckedHeaders headers = new CheckedHeaders();

    public AccessTokenVerifier(TokenSettings settings, Clock clock) {
        this(settings, clock, DEFAULT_CACHE_SIZE);
    }

    /**
     * @param cacheSize how many verified tokens to remember (a power of two), so that a token presented again is
     *                  recognised without being parsed and verified again; 0 verifies every presentation in full
     */
    public AccessTokenVerifier(TokenSettings settings, Clock clock, int cacheSize) {
        this.settings = settings;
        this.clock = clock;
        this.skewSeconds = settings.clockSkew().toSeconds();
        this.verified = new VerifiedTokenCache(cacheSize);
    }

    /** Verifies a token for authentication: an expired token is refused. */
    public AccessToken verify(String token) throws InvalidTokenException {
        return verify(token, false);
    }

    /**
     * Verifies a token; with {@code allowExpired} an expired but otherwise valid token is accepted, which is how
     * logout still identifies the session of a token that has run out.
     */
    public AccessToken verify(String token, boolean allowExpired) throws InvalidTokenException {
        VerifiedTokenCache.Entry entry = token == null ? null : verified.get(token);
        if (entry == null) {
            entry = verifyInFull(token);
            verified.put(entry);
        }
        checkTimes(entry, allowExpired);
        return entry.claims();
    }

    /**
     * Everything but the time checks: header, algorithm, type, key, signature and claims, in that order. The header is
     * parsed by nimbus once per distinct header text ({@link CheckedHeaders}: a deployment's tokens share one or a few);
     * nimbus's verifier checks the signature over the signing input, comparing MACs in constant time, before any byte of
     * the payload is decoded; then the payload's JSON is read once, into the claims ({@link ClaimsJson}).
     */
    private VerifiedTokenCache.Entry verifyInFull(String token) throws InvalidTokenException {
        byte[] characters = checkShape(token);
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        try {
            String encodedHeader = token.substring(0, firstDot);
            JWSHeader header = headers.get(encodedHeader);
            boolean known = header != null;
            if (!known) {
                header = JWSHeader.parse(new Base64URL(encodedHeader));
                checkHeader(header);
            }
            JWSVerifier verifier = settings.keys().verifierFor(header.getKeyID());
            if (verifier == null) {
                throw new InvalidTokenException(InvalidTokenException.Kind.UNKNOWN_KEY, "no verification key for the token's kid");
            }
            byte[] signingInput = Arrays.copyOf(characters, secondDot);
            if (!verifier.verify(header, signingInput, new Signature(token.substring(secondDot + 1)))) {
                throw new InvalidTokenException(InvalidTokenException.Kind.BAD_SIGNATURE, "signature does not verify");
            }
            if (!known) {
                // remembered only once a signature made with a configured key covers it
                headers.put(encodedHeader, header);
            }
            Map<String, Object> claims = ClaimsJson.read(characters, firstDot + 1, secondDot, READ);
            if (claims == null) {
                throw new InvalidTokenException("the payload is not a JSON object");
            }
            return new VerifiedTokenCache.Entry(token, claims(claims), notBefore(claims));
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed JWS: " + Reasons.safe(e.getMessage()));
        } catch (IOException e) {
            throw new InvalidTokenException("malformed JWS: the payload is not JSON (" + e.getClass().getSimpleName() + ")");
        } catch (JOSEException e) {
            throw new InvalidTokenException(InvalidTokenException.Kind.BAD_SIGNATURE, "signature check failed: " + Reasons.safe(e.getMessage()));
        } catch (RuntimeException e) {
            // the parser's own failures on hostile input (a header that is JSON null, ...): a refusal like any other
            throw new InvalidTokenException("unreadable JWS (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Length and alphabet before any parsing: three base64url parts, at most {@link #MAX_TOKEN_LENGTH} characters.
     * One pass over the token's characters as bytes (a character beyond Latin-1 becomes {@code '?'}, refused like any
     * other), each classified by a table without a branch, so that a signature's random text costs no mispredictions.
     *
     * @return the token's characters, one byte each: the signing input and the payload are read from them
     */
    private static byte[] checkShape(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("empty token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        byte[] characters = token.getBytes(StandardCharsets.ISO_8859_1);
        int kinds = 0;
        int dots = 0;
        for (byte c : characters) {
            int kind = KIND[c & 0xFF];
            kinds |= kind;
            dots += kind & DOT;
        }
        if ((kinds & OUTSIDE) != 0) {
            throw new InvalidTokenException("character outside base64url");
        }
        if (dots != 2) {
            throw new InvalidTokenException("not a compact JWS (" + (dots + 1) + " parts)");
        }
        return characters;
    }

    private void checkHeader(JWSHeader header) throws InvalidTokenException {
        if (!settings.algorithm().equals(header.getAlgorithm())) {
            throw new InvalidTokenException("the algorithm is not " + settings.algorithm());
        }
        if (!AccessTokenIssuer.TYPE.equals(header.getType())) {
            throw new InvalidTokenException(header.getType() == null ? "typ missing" : "typ is not " + AccessTokenIssuer.TYPE);
        }
        if (header.getCriticalParams() != null) {
            throw new InvalidTokenException("crit header present");
        }
        if (!header.isBase64URLEncodePayload()) {
            throw new InvalidTokenException("unencoded payload (b64)");
        }
        if (header.getContentType() != null) {
            throw new InvalidTokenException("cty header present");
        }
    }

    /**
     * The claims, read from the payload's JSON as it was sent: the claims-set parser converts some wrong types (a
     * number {@code sub} becomes a string), which would hide them.
     */
    private AccessToken claims(Map<String, Object> claims) throws InvalidTokenException {
        if (!settings.issuer().equals(string(claims, JWTClaimNames.ISSUER))) {
            throw new InvalidTokenException("iss is not " + settings.issuer());
        }
        Object aud = claims.get(JWTClaimNames.AUDIENCE);
        if (aud == null) {
            throw new InvalidTokenException("aud missing");
        }
        if (!(aud instanceof String || aud instanceof List<?> list && allStrings(list))) {
            throw new InvalidTokenException("aud is neither a string nor an array of strings");
        }
        if (!(aud instanceof String one ? one.equals(settings.audience()) : ((List<?>) aud).contains(settings.audience()))) {
            throw new InvalidTokenException("aud does not contain " + settings.audience());
        }
        String subject = string(claims, JWTClaimNames.SUBJECT);
        String sid = string(claims, "sid");
        String jti = string(claims, JWTClaimNames.JWT_ID);
        long iat = seconds(claims, JWTClaimNames.ISSUED_AT);
        long exp = seconds(claims, JWTClaimNames.EXPIRATION_TIME);
        Object roles = claims.get("roles");
        if (roles != null && !(roles instanceof List<?> list && allStrings(list))) {
            throw new InvalidTokenException("roles is not an array of strings");
        }
        return new AccessToken(subject, sid, jti, roleSet((List<?>) roles), iat, exp);
    }

    /** A required claim that must be a non-empty string. */
    private static String string(Map<String, Object> claims, String name) throws InvalidTokenException {
        Object value = claims.get(name);
        if (value == null) {
            throw new InvalidTokenException(name + " missing");
        }
        if (!(value instanceof String text)) {
            throw new InvalidTokenException(name + " is not a string");
        }
        if (text.isEmpty()) {
            throw new InvalidTokenException(name + " is empty");
        }
        return text;
    }

    /** A required NumericDate claim (RFC 7519 §2: a JSON number of seconds), in whole epoch seconds. */
    private static long seconds(Map<String, Object> claims, String name) throws InvalidTokenException {
        Object value = claims.get(name);
        if (value == null) {
            throw new InvalidTokenException(name + " missing");
        }
        return numericDate(name, value);
    }

    private static long numericDate(String name, Object value) throws InvalidTokenException {
        if (!(value instanceof Number number)) {
            throw new InvalidTokenException(name + " is not a number");
        }
        double seconds = number.doubleValue();
        if (!(seconds >= 0 && seconds <= MAX_NUMERIC_DATE)) {
            throw new InvalidTokenException(name + " is outside 0 to " + MAX_NUMERIC_DATE);
        }
        return number instanceof Long || number instanceof Integer ? number.longValue() : (long) Math.floor(seconds);
    }

    /** The roles as a set; the one or two roles of most tokens without the intermediate set of {@link Set#copyOf}. */
    private static Set<String> roleSet(List<?> roles) {
        if (roles == null || roles.isEmpty()) {
            return Set.of();
        }
        if (roles.size() == 1) {
            return Set.of((String) roles.get(0));
        }
        if (roles.size() == 2 && !roles.get(0).equals(roles.get(1))) {
            return Set.of((String) roles.get(0), (String) roles.get(1));
        }
        @SuppressWarnings("unchecked")
        Set<String> many = Set.copyOf((List<String>) roles);
        return many;
    }

    private static boolean allStrings(List<?> values) {
        for (Object value : values) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** {@code nbf} in epoch seconds, or {@link Long#MIN_VALUE} when absent. */
    private static long notBefore(Map<String, Object> claims) throws InvalidTokenException {
        Object nbf = claims.get(JWTClaimNames.NOT_BEFORE);
        return nbf == null ? Long.MIN_VALUE : numericDate(JWTClaimNames.NOT_BEFORE, nbf);
    }

    /** {@code exp}, {@code nbf} and {@code iat} against the clock, with the configured skew; run on every use. */
    private void checkTimes(VerifiedTokenCache.Entry entry, boolean allowExpired) throws InvalidTokenException {
        long now = clock.millis() / 1000;
        AccessToken token = entry.claims();
        if (!allowExpired && now - skewSeconds >= token.expiresAt()) {
            throw new InvalidTokenException(InvalidTokenException.Kind.EXPIRED, "expired at " + token.expiresAt());
        }
        if (entry.notBefore() > now + skewSeconds) {
            throw new InvalidTokenException("not valid before " + entry.notBefore());
        }
        if (token.issuedAt() > now + skewSeconds) {
            throw new InvalidTokenException("issued in the future at " + token.issuedAt());
        }
    }
}
