package dev.mailroom.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which certificate authorities a conversation trusts: the JVM's, or only the uploaded CA. A custom CA gets an
 * {@link SSLContext} of its own, trusting nothing else. Chain and host name are always checked:
 * {@code mail.smtp.ssl.trust} (which turns chain checking off) is never used.
 */
final class TlsTrust {

    /**
     * One context per distinct CA file (keyed by its text): building one costs tens of milliseconds, and a
     * context kept lets the next conversation resume its TLS session, as the JVM's default context does.
     * Tenants with the same file share a context; they trust exactly the same authorities.
     */
    private static final Cache<String, SSLSocketFactory> BY_CA = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    private TlsTrust() {}

    static SSLSocketFactory socketFactory(@Nullable String caPem) {
        if (caPem == null) {
            try {
                return SSLContext.getDefault().getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return BY_CA.get(caPem, TlsTrust::trusting);
    }

    private static SSLSocketFactory trusting(String caPem) {
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("tenant-ca-" + i++, cert);
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            // A resumed session skips the certificate checks: resume for an hour, not the JDK's default day.
            context.getClientSessionContext()
                    .setSessionTimeout((int) Duration.ofHours(1).toSeconds());
            return context.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Unusable CA certificate", e);
        }
    }
}
