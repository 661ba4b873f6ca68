import java.security.SecureRandom;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Prints the bcrypt hash of a password in modular crypt form ({@code $2a$12$...}), made by Elytron itself, for the
 * password_hash column that database-realm.cli's jdbc-realm reads. Run with the Elytron classes of WildFly:
 * <pre>
 *   M=$WILDFLY_HOME/modules/system/layers/base/org/wildfly
 *   java -cp "$M/security/elytron-base/main/*:$M/common/main/*" BcryptHash.java 'the-password' [cost]
 * </pre>
 * The cost (default 12) is the base-2 logarithm of the rounds: each step doubles the time one login takes.
 */
public class BcryptHash {

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BcryptHash PASSWORD [COST]");
            System.exit(2);
        }
        int cost = args.length == 2 ? Integer.parseInt(args[1]) : 12;
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        new SecureRandom().nextBytes(salt);
        PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, new WildFlyElytronPasswordProvider());
        BCryptPassword hash = (BCryptPassword) factory.generatePassword(
                new EncryptablePasswordSpec(args[0].toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(cost, salt)));
        System.out.println(ModularCrypt.encodeAsString(hash));
    }
}
