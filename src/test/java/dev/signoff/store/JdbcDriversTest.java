package dev.signoff.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcDriversTest {

    /** Loads Signoff and H2 itself before asking its parent, as a servlet container loads a war's classes. */
    private static final class WarClassLoader extends URLClassLoader {

        WarClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.signoff.") && !name.startsWith("org.h2.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInTheWar) {
                        loaded = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    @Test
    void theWarsCopyOfADriverTheServerAlsoRegisteredIsDeregisteredToo() throws Exception {
        Class.forName("org.h2.Driver");   // the server's H2, registered from its own class loader
        URL signoff = JdbcDrivers.class.getProtectionDomain().getCodeSource().getLocation();
        URL h2 = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        try (WarClassLoader war = new WarClassLoader(new URL[] {signoff, h2}, JdbcDriversTest.class.getClassLoader())) {
            Class<?> drivers = war.loadClass(JdbcDrivers.class.getName());
            assertNotSame(JdbcDrivers.class, drivers);
            Method deregisterOwn = drivers.getDeclaredMethod("deregisterOwn");
            Method own = drivers.getDeclaredMethod("own");
            deregisterOwn.setAccessible(true);
            own.setAccessible(true);

            int deregistered = (Integer) deregisterOwn.invoke(null);
            assertTrue(deregistered >= 1, "listing the drivers registered the war's H2, which is deregistered: " + deregistered);
            assertEquals(List.of(), own.invoke(null), "no driver of the war is left registered");
        }
    }
}
