package dev.signoff.servers;

/**
 * The users every server's realm holds for the suite: src/server-test/jetty/base, src/server-test/tomcat/base and the
 * add-user.sh executions of the wildfly profile in pom.xml define the same two, and {@link RealmDatabase} puts them
 * into the users table of {@link DatabaseRealmIT}.
 */
final class Users {

    /** Roles {@code user} and {@code admin}. */
    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alice-pw-3141";

    /** Role {@code user}. */
    static final String BOB = "bob";
    static final String BOB_PASSWORD = "bob-pw-2718";

    private Users() {
    }
}
