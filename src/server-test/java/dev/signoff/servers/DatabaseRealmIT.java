package dev.signoff.servers;

import static dev.signoff.it.Http.bearer;
import static dev.signoff.it.Http.credentials;
import static dev.signoff.it.Http.get;
import static dev.signoff.it.Http.json;
import static dev.signoff.it.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signoff.it.Http;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * signoff.war with its users in a PostgreSQL table, checked by the server's own database realm as
 * server-config/{tomcat,jetty,wildfly} configure it (Tomcat's DataSourceRealm, Jetty's DataSourceLoginService,
 * Elytron's jdbc-realm): the tables of server-config/realm/users-postgresql.sql in the database
 * {@code signoff_realm_<server>}, which this class creates and drops.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseRealmIT {

    private static final RealmDatabase USERS = RealmDatabase.fromSystemProperties();

    /** A user the test adds to the table while the application runs. */
    private static final String CAROL = "carol";
    private static final String CAROL_PASSWORD = "carol-pw-1618";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.databaseRealmWar(USERS);
    }

    @BeforeAll
    static void createUsers() {
        USERS.create();
    }

    @AfterAll
    static void dropUsers() {
        USERS.drop();
    }

    @ArquillianResource
    private URL base;

    private String url(String path) {
        return base.toExternalForm().replaceAll("/$", "") + path;
    }

    private Http.Response attempt(String user, String password) {
        return post(url("/auth/login"), credentials(user, password), json());
    }

    private Http.Response login(String user, String password) {
        Http.Response r = attempt(user, password);
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    private Http.Response me(String accessToken) {
        return get(url("/api/me"), bearer(accessToken));
    }

    @Test
    void aUserOfTheTableLogsInWithTheRolesOfTheRolesTableAndLogsOut() {
        Http.Response login = login(Users.ALICE, Users.ALICE_PASSWORD);
        String access = login.text("access_token");
        String refresh = login.text("refresh_token");

        Http.Response me = me(access);
        assertEquals(200, me.status(), me::toString);
        assertEquals("alice", me.text("name"));
        assertEquals("[\"admin\",\"user\"]", me.json().get("roles").toString(), "roles come from app_user_roles");

        Http.Response logout = post(url("/auth/logout"), null, bearer(access));
        assertEquals(200, logout.status(), logout::toString);
        Http.Response refused = me(access);
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("Bearer realm=\"signoff\", error=\"invalid_token\"", refused.header("WWW-Authenticate").orElseThrow());
        Http.Response refreshed = post(url("/auth/refresh"), "{\"refresh_token\":\"" + refresh + "\"}", json());
        assertEquals(401, refreshed.status(), refreshed::toString);
    }

    @Test
    void theRealmRefusesAWrongPasswordAndAUserNotInTheTable() {
        for (String[] wrong : new String[][] {{Users.ALICE, Users.BOB_PASSWORD}, {Users.BOB, "bob-pw-0000"}, {"mallory", "anything"}}) {
            Http.Response r = attempt(wrong[0], wrong[1]);
            assertEquals(401, r.status(), r::toString);
            assertEquals("invalid_credentials", r.text("error"));
        }
        Http.Response bob = login(Users.BOB, Users.BOB_PASSWORD);
        assertEquals("[\"user\"]", me(bob.text("access_token")).json().get("roles").toString());
    }

    @Test
    void aRowTheApplicationAddsOrRemovesCountsAtTheNextLogin() {
        assertEquals(401, attempt(CAROL, CAROL_PASSWORD).status(), "carol is not in the table yet");
        USERS.addUser(CAROL, USERS.hash(CAROL), "user");
        Http.Response carol = login(CAROL, CAROL_PASSWORD);
        assertEquals("[\"user\"]", me(carol.text("access_token")).json().get("roles").toString());

        USERS.removeUser(CAROL);
        Http.Response gone = attempt(CAROL, CAROL_PASSWORD);
        assertEquals(401, gone.status(), gone::toString);
    }
}
