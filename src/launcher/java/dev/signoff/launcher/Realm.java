package dev.signoff.launcher;

import java.security.SecureRandom;
import java.util.List;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Password;

/**
 * The embedded realm {@value #NAME}: a Jetty {@link HashLoginService} over an in-memory {@link UserStore}. Passwords
 * are taken literally (a password that starts with {@code MD5:} or {@code CRYPT:} is not read as a hash).
 */
final class Realm {

    static final String NAME = "signoff";
    static final String DEMO_USER = "demo";

    /** Letters and digits without the look-alikes 0/O, 1/l/I. */
    private static final char[] PASSWORD_ALPHABET =
            "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int DEMO_PASSWORD_LENGTH = 20;

    private Realm() {
    }

    static HashLoginService loginService(List<LauncherOptions.User> users) {
        UserStore store = new UserStore();
        for (LauncherOptions.User user : users) {
            store.addUser(user.name(), new Password(user.password()), user.roles().toArray(new String[0]));
        }
        HashLoginService service = new HashLoginService(NAME);
        service.setUserStore(store);
        return service;
    }

    /** The user {@value #DEMO_USER} with role {@value LauncherOptions#DEFAULT_ROLE} and a fresh random password. */
    static LauncherOptions.User demoUser(SecureRandom random) {
        char[] password = new char[DEMO_PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return new LauncherOptions.User(DEMO_USER, new String(password), List.of(LauncherOptions.DEFAULT_ROLE));
    }
}
