package dev.signoff.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * Builds Signoff's {@link EntityManagerFactory} from a {@link ConnectionSource}: EclipseLink directly, without a
 * {@code persistence.xml} ({@link SignoffPersistenceUnit}), no weaving, no shared cache (several nodes write the same
 * rows), no schema generation (the {@link SchemaInstaller} runs the scripts), EclipseLink's log through
 * {@code java.util.logging} at SEVERE. Stateless.
 */
final class JpaBootstrap {

    private JpaBootstrap() {
    }

    /** @throws StoreException naming the source when EclipseLink cannot be set up */
    static EntityManagerFactory open(ConnectionSource source) {
        Properties props = new Properties();
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.logger", "JavaLogger");
        props.put("eclipselink.logging.level", "SEVERE");
        props.put("eclipselink.logging.exceptions", "false");
        props.put("eclipselink.cache.shared.default", "false");
        props.put("eclipselink.ddl-generation", "none");
        props.put("eclipselink.jdbc.cache-statements", "true");
        props.put("eclipselink.session.customizer", SignoffSessionCustomizer.class.getName());
        source.addJpaProperties(props);
        try {
            return new PersistenceProvider().createContainerEntityManagerFactory(new SignoffPersistenceUnit(source.dataSource(), props),
                    props);
        } catch (RuntimeException e) {
            throw new StoreException("cannot set up JPA for " + source.description() + ": " + Database.rootMessage(e), e);
        }
    }
}
