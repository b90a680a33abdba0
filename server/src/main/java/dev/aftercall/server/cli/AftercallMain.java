package dev.aftercall.server.cli;

import dev.aftercall.server.authprofile.SecretRotation;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;

/**
 * The service's entry point. Without arguments it runs the server. With a command it does that one job against the
 * configured database and exits:
 * <ul>
 *   <li>{@code rotate-secret-key}: seals every stored secret again with {@code AFTERCALL_SECRET_KEY} (see
 *   {@link SecretRotation}).</li>
 * </ul>
 * A command process claims no jobs and listens on a random port, so it can run beside live servers.
 */
@QuarkusMain
public class AftercallMain {
    static final String ROTATE = "rotate-secret-key";

    public static void main(String... args) {
        if (args.length > 0) {
            if (!ROTATE.equals(args[0])) {
                System.err.println("unknown command '" + args[0] + "'; commands: " + ROTATE);
                System.exit(2);
            }
            System.setProperty("aftercall.jobs.concurrency", "0");
            System.setProperty("quarkus.http.port", "0");
        }
        Quarkus.run(Service.class, args);
    }

    /** Runs the command named by the arguments, or serves until shut down. */
    public static class Service implements QuarkusApplication {
        @Override
        public int run(String... args) {
            if (args.length == 0) {
                Quarkus.waitForExit();
                return 0;
            }
            Map<String, Integer> counts = Arc.container().instance(SecretRotation.class).get().rotate();
            counts.forEach((what, count) -> System.out.printf("%s: %d secret(s) sealed again with the current key%n",
                    what, count));
            return 0;
        }
    }
}
