package dev.mailroom.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Which certificate authorities a conversation trusts: the JVM's, or only the tenant's uploaded CA. A custom
 * CA gets an {@link SSLContext} of its own, used for that tenant's conversation only. Chain and host name
 * are always checked: {@code mail.smtp.ssl.trust} (which turns chain checking off) is never used.
 */
final class TlsTrust {

    private TlsTrust() {
    }

    static SSLSocketFactory socketFactory(@Nullable String caPem) {
        try {
            if (caPem == null) {
                return SSLContext.getDefault().getSocketFactory();
            }
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
            return context.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Unusable CA certificate", e);
        }
    }
}
