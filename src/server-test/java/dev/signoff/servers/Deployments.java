package dev.signoff.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The web applications the suite deploys, built from what the build produced. */
final class Deployments {

    /** The name of {@link #databaseRealmWar}'s archive, by which the Jetty suite knows it. */
    static final String DATABASE_REALM_WAR = "database-realm.war";

    private Deployments() {
    }

    /** {@code target/signoff.war} as built: the file is imported, nothing is added or replaced. */
    static WebArchive signoffWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, path("signoff.war").toFile());
    }

    /**
     * The built war deployed under another name with another {@code web.xml}: one way of configuring Signoff. It also
     * carries the WildFly descriptors of server-config/wildfly, which signoff.cli lays over signoff.war only.
     */
    static WebArchive withDescriptor(String name, String webXml) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name).merge(signoffWar());
        war.delete("/WEB-INF/web.xml");
        war.setWebXML(webXml);
        return withWildFlyDescriptors(war);
    }

    /**
     * The built war deployed as {@code name}, its {@code web.xml} given one more {@code <context-param>} for each entry
     * of {@code contextParams} and otherwise unchanged; with the WildFly descriptors, as {@link #withDescriptor}.
     */
    static WebArchive withContextParams(String name, Map<String, String> contextParams) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name).merge(signoffWar());
        String webXml;
        try (InputStream in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder params = new StringBuilder();
        contextParams.forEach((param, value) -> params.append("  <context-param>\n    <param-name>").append(param)
                .append("</param-name>\n    <param-value>").append(value).append("</param-value>\n  </context-param>\n"));
        String end = "</web-app>";
        int at = webXml.lastIndexOf(end);
        if (at < 0) {
            throw new IllegalStateException("the war's web.xml has no " + end);
        }
        war.delete("/WEB-INF/web.xml");
        war.setWebXML(new StringAsset(webXml.substring(0, at) + params + webXml.substring(at)));
        return withWildFlyDescriptors(war);
    }

    /**
     * The built war, deployed as {@value #DATABASE_REALM_WAR}, with its users in the database {@code users}: each server's
     * database realm of server-config given the suite's database. Tomcat: {@code tomcat/database-realm.xml} as the war's
     * META-INF/context.xml, its PostgreSQL URL, user and password replaced by those of {@code users}. WildFly:
     * {@code wildfly/database-realm/jboss-web.xml}, whose security domain {@code database-realm.cli} added when the build
     * prepared the server. Jetty: {@code dev.signoff.servers.jetty.JettyBaseContext} applies
     * {@code jetty/database-realm/signoff.xml} to a war of this name.
     */
    static WebArchive databaseRealmWar(RealmDatabase users) {
        Path config = path("signoff.server-config");
        String tomcat = read(config.resolve("tomcat").resolve("database-realm.xml"));
        String context = replaceOnce(tomcat, "url=\"jdbc:postgresql://127.0.0.1:5432/signoff\"", "url=\"" + users.url() + "\"");
        context = replaceOnce(context, "username=\"signoff\" password=\"change-me\"",
                "username=\"" + System.getProperty("signoff.users.user") + "\" password=\"" + System.getProperty("signoff.users.password") + "\"");
        Path wildfly = config.resolve("wildfly");
        return ShrinkWrap.create(WebArchive.class, DATABASE_REALM_WAR).merge(signoffWar())
                .addAsManifestResource(new StringAsset(context), "context.xml")
                .addAsWebInfResource(wildfly.resolve("database-realm").resolve("jboss-web.xml").toFile(), "jboss-web.xml")
                .addAsWebInfResource(wildfly.resolve("jboss-deployment-structure.xml").toFile(), "jboss-deployment-structure.xml");
    }

    private static String replaceOnce(String text, String literal, String replacement) {
        int at = text.indexOf(literal);
        if (at < 0 || text.indexOf(literal, at + 1) >= 0) {
            throw new IllegalStateException("expected " + literal + " once in server-config/tomcat/database-realm.xml");
        }
        return text.replace(literal, replacement);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An application of its own that uses Signoff as a library: its servlets ({@code app.GreetingServlet},
     * {@code app.EventsServlet}) and event listener ({@code app.AuditListener}),
     * signoff-classes.jar and Signoff's runtime dependencies in WEB-INF/lib, and a web.xml that maps Signoff's filter and
     * servlets over the application's paths. The listener and the error page come from the jar's web-fragment.xml.
     */
    static WebArchive libraryApp(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name);
        for (String type : List.of("GreetingServlet", "EventsServlet", "AuditListener")) {
            String file = "dev/signoff/servers/app/" + type + ".class";
            // as a file: the test's JVM need not load a servlet (a remote server's tests have no servlet API)
            war.add(new ClassLoaderAsset(file), "WEB-INF/classes/" + file);
        }
        war.setWebXML("library/web.xml")
                .addAsLibrary(path("signoff.classes-jar").toFile());
        for (File jar : libraryDependencies()) {
            war.addAsLibrary(jar);
        }
        return withWildFlyDescriptors(war);
    }

    private static WebArchive withWildFlyDescriptors(WebArchive war) {
        Path wildfly = path("signoff.server-config").resolve("wildfly");
        return war.addAsWebInfResource(wildfly.resolve("jboss-web.xml").toFile(), "jboss-web.xml")
                .addAsWebInfResource(wildfly.resolve("jboss-deployment-structure.xml").toFile(), "jboss-deployment-structure.xml");
    }

    private static List<File> libraryDependencies() {
        try (Stream<Path> jars = Files.list(path("signoff.library-lib"))) {
            List<File> files = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no jars in " + path("signoff.library-lib"));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the suite with mvn verify -P<server>");
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: the suite runs after package");
        }
        return path;
    }
}
