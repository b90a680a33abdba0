package dev.aftercall.server.authprofile;

import dev.aftercall.server.api.ApiException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Checks an mTLS profile when it is saved rather than at the first call: the certificate must be PEM X.509, the
 * key must load the way the HTTP client will load it, and the two must belong together.
 */
@Singleton
public class ClientCertificateCheck {
    private static final Map<String, String> SIGNATURES =
            Map.of("RSA", "SHA256withRSA", "EC", "SHA256withECDSA", "Ed25519", "Ed25519", "EdDSA", "Ed25519");

    private final Vertx vertx;

    @Inject
    public ClientCertificateCheck(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The leaf certificate, once certificate and key have been shown to be a usable pair. */
    X509Certificate check(String certificatePem, String privateKeyPem) {
        X509Certificate leaf = leafCertificate(certificatePem);
        PrivateKey key = privateKey(certificatePem, privateKeyPem);
        if (key != null && !belongTogether(leaf, key)) {
            throw ApiException.badRequest("private_key does not belong to the certificate", "private_key");
        }
        return leaf;
    }

    static X509Certificate leafCertificate(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ApiException.badRequest(
                    "certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----)", "certificate");
        }
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (chain.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return (X509Certificate) chain.iterator().next();
        } catch (CertificateException e) {
            throw ApiException.badRequest("certificate does not parse: " + e.getMessage(), "certificate");
        }
    }

    /** Loads the pair with Vert.x, exactly as an outbound request will; null when the key cannot be read back. */
    private PrivateKey privateKey(String certificatePem, String privateKeyPem) {
        KeyManager[] managers;
        try {
            managers = new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(certificatePem))
                    .setKeyValue(Buffer.buffer(privateKeyPem == null ? "" : privateKeyPem))
                    .getKeyManagerFactory(vertx)
                    .getKeyManagers();
        } catch (Exception e) {
            throw ApiException.badRequest("private_key must be a PEM private key (-----BEGIN PRIVATE KEY----- or "
                    + "-----BEGIN RSA PRIVATE KEY-----): " + e.getMessage(), "private_key");
        }
        for (KeyManager manager : managers) {
            if (manager instanceof X509KeyManager x509) {
                for (String type : List.of("RSA", "EC", "EdDSA", "Ed25519")) {
                    String[] aliases = x509.getClientAliases(type, null);
                    if (aliases != null && aliases.length > 0) {
                        return x509.getPrivateKey(aliases[0]);
                    }
                }
            }
        }
        return null;
    }

    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = SIGNATURES.get(key.getAlgorithm());
        if (algorithm == null) {
            return true; // An algorithm we cannot test here; the TLS handshake will tell.
        }
        try {
            byte[] challenge = "aftercall".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }
}
