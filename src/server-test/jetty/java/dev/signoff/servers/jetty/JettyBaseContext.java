package dev.signoff.servers.jetty;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Configures every web application the suite deploys as Jetty's deployer configures signoff.war in the jetty-base of
 * server-config/jetty: {@code webapps/signoff.xml} is applied to it with {@code jetty.base} set to the jetty-base the
 * build assembled from that folder ({@code target/jetty-base}). The login service, the DataSource and the resource
 * reference come from that file; the war file stays the deployed archive's, and the context path is the archive's name
 * without {@code .war}, as Tomcat and WildFly give it (the adapter's own is the name of its temporary copy, with a random
 * prefix), so that a test that deploys a war itself knows where it is. Classes load as in a
 * standalone Jetty, the web application's own first (the adapter's default, which its configuration cannot change,
 * is the other way round).
 *
 * <p>The war {@code database-realm.war} ({@code Deployments.databaseRealmWar}) gets {@code database-realm/signoff.xml}
 * of that folder instead, the users in a database table, with the database's URL, user and password from the system
 * properties of the same names as that file's properties ({@code signoff.users.url}, {@code .user}, {@code .password}).
 */
public final class JettyBaseContext implements WebAppContextProcessor {

    @Override
    public void process(WebAppContext context, Archive<?> archive) {
        Path base = Path.of(System.getProperty("server.base"));
        boolean databaseRealm = archive.getName().equals("database-realm.war");
        Path contextXml = databaseRealm
                ? base.resolve("database-realm").resolve("signoff.xml")
                : base.resolve("webapps").resolve("signoff.xml");
        String war = context.getWar();
        String contextPath = "/" + archive.getName().replaceFirst("\\.war$", "");
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
            XmlConfiguration xml = new XmlConfiguration(resources.newResource(contextXml));
            xml.getProperties().put("jetty.base", base.toString());
            xml.getProperties().put("jetty.webapps", base.resolve("webapps").toString());
            if (databaseRealm) {
                for (String property : new String[] {"signoff.users.url", "signoff.users.user", "signoff.users.password"}) {
                    xml.getProperties().put(property, System.getProperty(property));
                }
            }
            xml.configure(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot apply " + contextXml + " to " + archive.getName() + ": " + e, e);
        }
        context.setWar(war);
        context.setContextPath(contextPath);
        context.setParentLoaderPriority(false);
    }
}
