package dev.aftercall.server.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The service's own directory ({@code aftercall.data-dir}, default {@code ./data}): the embedded database and the
 * secrets the service generates for itself when the operator configured none.
 */
@ApplicationScoped
public class DataDirectory {
    private static final int GENERATED_SECRET_BYTES = 32;

    private final Path root;

    public DataDirectory(@ConfigProperty(name = "aftercall.data-dir") String root) {
        this.root = Path.of(root);
    }

    public Path root() {
        return root;
    }

    /**
     * The secret kept in {@code fileName} under the data directory, generated (32 random bytes, base64) and written
     * owner-readable only the first time it is asked for, so it survives restarts.
     */
    public synchronized String readOrCreateSecret(String fileName) {
        Path file = root.resolve(fileName);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(root);
            byte[] random = new byte[GENERATED_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getEncoder().encodeToString(random);
            createOwnerOnly(file);
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
