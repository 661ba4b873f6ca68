package dev.signoff.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an access token's signature and claims; revocation is checked elsewhere, against memory.
 *
 * <p>The algorithm is pinned: the header must name exactly the configured one, so {@code none}, an HMAC
 * token presented to an RSA/EC/EdDSA deployment, or the reverse, are all refused; the key is chosen by
 * Signoff's own configuration and the header's {@code kid} only, never by keys the header carries.
 * The {@code typ} must be {@code at+jwt}. {@code iss} must match, {@code aud} must contain the audience,
 * {@code sub}, {@code jti}, {@code iat} and {@code exp} must be present, and {@code exp}, {@code nbf} and
 * {@code iat} are checked against the clock with the configured skew.
 *
 * <p>This class is thread-safe.
 */
public final class AccessTokenVerifier {

    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 8192;

    /** How many verified tokens are remembered ({@link VerifiedTokenCache}): about 6 MB at most. */
    public static final int DEFAULT_CACHE_SIZE = 8192;

    private final TokenSettings settings;
    private final Clock clock;
    private final long skewSeconds;
    private final VerifiedTokenCache verified;

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

    /** Everything but the time checks: parse, algorithm, type, key, signature and claims. */
    private VerifiedTokenCache.Entry verifyInFull(String token) throws InvalidTokenException {
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        if (!settings.algorithm().equals(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + header.getAlgorithm() + " is not accepted; expected " + settings.algorithm());
        }
        if (!AccessTokenIssuer.TYPE.equals(header.getType())) {
            throw new InvalidTokenException("typ " + header.getType() + " is not " + AccessTokenIssuer.TYPE);
        }
        JWSVerifier verifier = settings.keys().verifierFor(header.getKeyID());
        if (verifier == null) {
            throw new InvalidTokenException("no verification key for kid " + header.getKeyID());
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("signature does not verify");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("signature check failed: " + e.getMessage());
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return new VerifiedTokenCache.Entry(token, claims(claims), notBefore(claims));
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed claims: " + e.getMessage());
        }
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("empty token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!Ids.isBase64Url(c)) {
                throw new InvalidTokenException("character outside base64url");
            }
        }
        if (dots != 2) {
            throw new InvalidTokenException("not a compact JWS (" + (dots + 1) + " parts)");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException("malformed JWS: " + e.getMessage());
        }
    }

    private AccessToken claims(JWTClaimsSet claims) throws InvalidTokenException, ParseException {
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("iss " + claims.getIssuer() + " is not " + settings.issuer());
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(settings.audience())) {
            throw new InvalidTokenException("aud " + audience + " does not contain " + settings.audience());
        }
        String subject = claims.getSubject();
        String jti = claims.getJWTID();
        if (subject == null || subject.isEmpty() || jti == null || jti.isEmpty()) {
            throw new InvalidTokenException("sub or jti missing");
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new InvalidTokenException("exp or iat missing");
        }
        Object sid = claims.getClaim("sid");
        if (sid != null && !(sid instanceof String)) {
            throw new InvalidTokenException("sid is not a string");
        }
        List<String> roles = claims.getClaim("roles") == null ? List.of() : claims.getStringListClaim("roles");
        Set<String> roleSet = new HashSet<>(roles);
        if (roleSet.contains(null)) {
            throw new InvalidTokenException("roles holds a null");
        }
        return new AccessToken(subject, (String) sid, jti, roleSet, iat.getTime() / 1000, exp.getTime() / 1000);
    }

    /** {@code nbf} in epoch seconds, or {@link Long#MIN_VALUE} when absent. */
    private static long notBefore(JWTClaimsSet claims) {
        Date nbf = claims.getNotBeforeTime();
        return nbf == null ? Long.MIN_VALUE : nbf.getTime() / 1000;
    }

    /** {@code exp}, {@code nbf} and {@code iat} against the clock, with the configured skew; run on every use. */
    private void checkTimes(VerifiedTokenCache.Entry entry, boolean allowExpired) throws InvalidTokenException {
        long now = clock.millis() / 1000;
        AccessToken token = entry.claims();
        if (!allowExpired && now - skewSeconds >= token.expiresAt()) {
            throw new InvalidTokenException("expired at " + token.expiresAt());
        }
        if (entry.notBefore() > now + skewSeconds) {
            throw new InvalidTokenException("not valid before " + entry.notBefore());
        }
        if (token.issuedAt() > now + skewSeconds) {
            throw new InvalidTokenException("issued in the future at " + token.issuedAt());
        }
    }
}
