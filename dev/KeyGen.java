import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Development JWT signing keys for ./liveloop (JDK only; run as {@code java dev/KeyGen.java <out-dir>}).
 *
 * <p>Writes an RSA-2048 key pair as PEM into the directory: {@code privateKey.pem} (PKCS#8, readable by its
 * owner only) and {@code publicKey.pem} (X.509 SubjectPublicKeyInfo). Existing keys are left alone, so
 * tokens signed before a restart stay valid.
 */
public class KeyGen {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java KeyGen.java <out-dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Path privateKey = dir.resolve("privateKey.pem");
        Path publicKey = dir.resolve("publicKey.pem");
        if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
            System.out.println("kept " + dir);
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        write(privateKey, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
        write(publicKey, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
        System.out.println("generated " + dir);
    }

    private static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
        }
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
