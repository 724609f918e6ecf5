package dev.mailroom.support;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real X.509 certificates for tests: a self-signed CA valid for the given period, as PEM. */
public final class TestCertificates {

    private static final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {}

    public record Issued(X509Certificate certificate, KeyPair keys, String pem) {}

    public static Issued ca(String commonName, Instant notBefore, Instant notAfter) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            var keys = generator.generateKeyPair();
            var name = new X500Name("CN=" + commonName + ",O=Mailroom Tests");
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(serial.incrementAndGet()),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            var cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new Issued(cert, keys, pem(cert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued validCa(String commonName) {
        var now = Instant.now();
        return ca(commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** A server certificate signed by {@code ca}, for the given DNS names and IP addresses. */
    public static Issued server(Issued ca, String... names) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            var keys = generator.generateKeyPair();
            var now = Instant.now();
            var issuer = X500Name.getInstance(
                    ca.certificate().getSubjectX500Principal().getEncoded());
            var sans = new org.bouncycastle.asn1.x509.GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                boolean ip = names[i].matches("[0-9.]+") || names[i].contains(":");
                sans[i] = new org.bouncycastle.asn1.x509.GeneralName(
                        ip
                                ? org.bouncycastle.asn1.x509.GeneralName.iPAddress
                                : org.bouncycastle.asn1.x509.GeneralName.dNSName,
                        names[i]);
            }
            var builder = new JcaX509v3CertificateBuilder(
                            issuer,
                            BigInteger.valueOf(serial.incrementAndGet()),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(90))),
                            new X500Name("CN=" + names[0] + ",O=Mailroom Tests"),
                            keys.getPublic())
                    .addExtension(
                            Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(sans));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(ca.keys().getPrivate());
            var cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new Issued(cert, keys, pem(cert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server-side TLS context presenting {@code server} (and its CA) as its certificate chain. */
    public static javax.net.ssl.SSLContext serverContext(Issued server, Issued ca) {
        try {
            var store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", server.keys().getPrivate(), new char[0], new java.security.cert.Certificate[] {
                server.certificate(), ca.certificate()
            });
            var kmf =
                    javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            var context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
