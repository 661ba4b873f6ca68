package dev.signoff.servers;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.signoff.it.Http;
import dev.signoff.it.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Redis revocation bus inside the server of the active profile: the built war, with
 * {@code signoff.revocation.redis-url} set to the machine's Redis and a channel of this run's own, publishes each
 * logout on the channel, applies a revocation another node publishes there to its own requests, and lets go of Redis
 * and of its threads when it is undeployed. The war is deployed and undeployed by the test itself, so that the
 * undeployment is part of what is checked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedisBusServerIT {

    private static final String DEPLOYMENT = "redis-bus";
    /** The channel of this run alone: other runs on the same Redis neither hear nor disturb it. */
    private static final String CHANNEL = "signoff:server-test:" + System.getProperty("server.name") + ":" + UUID.randomUUID();
    /** Far beyond what a message takes on loopback (milliseconds), and shorter than nothing the server does. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** A message that is not a revocation: the bus ignores it, and {@code PUBLISH} counts who is subscribed. */
    private static final String PROBE = "probe from the server test";
    /** The prefix of the bus's threads (RedisPublisher, RedisSubscriber). */
    private static final String BUS_THREADS = "signoff-revocation-redis-";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive war() {
        return Deployments.withContextParams(DEPLOYMENT + ".war", Map.of(
                "signoff.revocation.redis-url", "redis://" + RedisChannel.HOST + ":" + RedisChannel.PORT,
                "signoff.revocation.redis-channel", CHANNEL));
    }

    @ArquillianResource
    private Deployer deployer;

    private static String url(String path) {
        return "http://127.0.0.1:" + System.getProperty("server.http.port") + "/" + DEPLOYMENT + path;
    }

    private static String login(String user, String password) {
        Http.Response r = post(url("/auth/login"), credentials(user, password), json());
        assertEquals(200, r.status(), r::toString);
        return r.text("access_token");
    }

    private static int me(String accessToken) {
        return get(url("/api/me"), bearer(accessToken)).status();
    }

    private static String sessionId(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: the access token", e);
        }
    }

    private static long subscribers() {
        try {
            return RedisChannel.publish(CHANNEL, PROBE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theBusPublishesEachLogoutAppliesWhatOthersPublishAndStopsWithTheWar() throws Exception {
        try (RedisChannel channel = RedisChannel.subscribe(CHANNEL)) {
            deployer.deploy(DEPLOYMENT);
            boolean deployed = true;
            try {
                Waits.until("the war subscribed to " + CHANNEL + " beside the test", System.nanoTime(), BOUND,
                        Duration.ofMillis(100), () -> subscribers() == 2);
                aLogoutIsPublished(channel);
                aRevocationPublishedByAnotherNodeIsApplied();
                deployed = false;
                undeployingStopsTheBus();
            } finally {
                if (deployed) {
                    deployer.undeploy(DEPLOYMENT);
                }
            }
        }
    }

    private void aLogoutIsPublished(RedisChannel channel) throws InterruptedException {
        String access = login(Users.ALICE, Users.ALICE_PASSWORD);
        assertEquals(200, me(access));
        Http.Response logout = post(url("/auth/logout"), null, bearer(access));
        assertEquals(200, logout.status(), logout::toString);

        String session = sessionId(access);
        List<String> heard = new ArrayList<>();
        long deadline = System.nanoTime() + BOUND.toNanos();
        boolean found = false;
        while (!found && System.nanoTime() - deadline < 0) {
            String message = channel.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message != null) {
                heard.add(message);
                found = message.matches("s \\d+ .*") && message.endsWith(" " + session);
            }
        }
        assertTrue(found, () -> "the logout's session revocation (s TIME " + session + ") on the channel within " + BOUND.toSeconds()
                + " s; heard " + heard);
    }

    private void aRevocationPublishedByAnotherNodeIsApplied() throws Exception {
        String revoked = login(Users.BOB, Users.BOB_PASSWORD);
        String untouched = login(Users.BOB, Users.BOB_PASSWORD);
        assertEquals(200, me(revoked));
        // what another node's RedisPublisher sends for a logout of that session: RevocationNotice.payload()
        String notice = "s " + System.currentTimeMillis() + " " + sessionId(revoked);
        assertEquals(2, RedisChannel.publish(CHANNEL, notice), "the war and the test are subscribed");
        long refusedAfter = Waits.until("the session revoked on the bus refused", System.nanoTime(), BOUND, Duration.ofMillis(50),
                () -> me(revoked) == 401);
        System.out.printf("REDIS BUS on %s: a session revoked on the channel refused after %d ms%n", System.getProperty("server.name"),
                refusedAfter);
        assertEquals(200, me(untouched), "the same user's other session is not revoked");
    }

    private void undeployingStopsTheBus() throws InterruptedException {
        List<String> leaks = Collections.synchronizedList(new ArrayList<>());
        // Tomcat's report of what a web application left running (WebappClassLoaderBase, through java.util.logging);
        // nothing logs there in the other servers, whose checks are the two below
        Logger tomcat = Logger.getLogger("org.apache.catalina.loader");
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && message != null && message.contains(DEPLOYMENT)) {
                    leaks.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        tomcat.addHandler(recorder);
        try {
            deployer.undeploy(DEPLOYMENT);
        } finally {
            tomcat.removeHandler(recorder);
        }
        assertEquals(List.of(), leaks, "the container reports nothing left behind by the war");
        Waits.until("the war's subscription to " + CHANNEL + " closed", System.nanoTime(), BOUND, Duration.ofMillis(100),
                () -> subscribers() == 1);
        // an embedded server runs the war in this JVM: none of the bus's threads may outlive it
        Waits.until("the bus's threads ended", System.nanoTime(), BOUND, Duration.ofMillis(100),
                () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(BUS_THREADS)));
    }
}
