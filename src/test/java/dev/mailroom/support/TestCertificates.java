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

    private TestCertificates() {
    }

    public record Issued(X509Certificate certificate, KeyPair keys, String pem) {
    }

    public static Issued ca(String commonName, Instant notBefore, Instant notAfter) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            var keys = generator.generateKeyPair();
            var name = new X500Name("CN=" + commonName + ",O=Mailroom Tests");
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
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
