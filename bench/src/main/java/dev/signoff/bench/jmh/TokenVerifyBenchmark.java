package dev.signoff.bench.jmh;

import dev.signoff.bench.Keys;
import dev.signoff.config.ConfigSource;
import dev.signoff.config.Params;
import dev.signoff.token.AccessToken;
import dev.signoff.token.AccessTokenIssuer;
import dev.signoff.token.AccessTokenVerifier;
import dev.signoff.token.InvalidTokenException;
import dev.signoff.token.TokenSettings;
import dev.signoff.token.TokenSettingsParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Access-token verification ({@link AccessTokenVerifier#verify}): {@code verify} is a token seen for the first time
 * (parse, pinned algorithm, signature, claims; the verifier's cache is off), per algorithm; {@code verifyAgain} a token
 * the verifier has verified before (one comparison, then the time checks), as on every request after a client's first;
 * {@code hmacFloor} the cryptographic floor of HS256: one HMAC-SHA256 over the same token's signing input with a
 * ready {@link Mac}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerifyBenchmark {

    @Param({"HS256", "RS256", "ES256", "EdDSA"})
    public String algorithm;

    private AccessTokenVerifier verifier;
    private AccessTokenVerifier remembering;
    private String token;
    private byte[] signingInput;
    private Mac mac;

    @Setup
    public void issue() throws Exception {
        Path dir = Files.createTempDirectory("signoff-bench-keys");
        TokenSettings settings = TokenSettingsParser.parse(new Params(ConfigSource.of("bench", java.util.Map.of(),
                Keys.contextParams(algorithm, dir))));
        Clock clock = Clock.systemUTC();
        token = new AccessTokenIssuer(settings, clock).issue("bench-user", List.of("user", "admin"), "c2Vzc2lvbi1pZC0wMTIzNA").token();
        verifier = new AccessTokenVerifier(settings, clock, 0);
        remembering = new AccessTokenVerifier(settings, clock);
        remembering.verify(token);
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Keys.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Benchmark
    public AccessToken verify() throws InvalidTokenException {
        return verifier.verify(token);
    }

    /** The same for every algorithm (run once, with HS256, by the harness). */
    @Benchmark
    public AccessToken verifyAgain() throws InvalidTokenException {
        return remembering.verify(token);
    }

    /** Only meaningful for HS256 (run once, with that parameter, by the harness). */
    @Benchmark
    public byte[] hmacFloor() {
        return mac.doFinal(signingInput);
    }
}
