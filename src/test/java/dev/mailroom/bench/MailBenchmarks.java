package dev.mailroom.bench;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.OutgoingMail;
import dev.mailroom.mail.SmtpConversations;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.outbox.OutboxDispatcher;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.DraftTargets;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.OneTestPerTenant;
import dev.mailroom.throttle.ThrottledAction;
import dev.mailroom.users.Role;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** Issue 9, figures 1 and 3: a test email through Mailroom vs bare Angus; outbox throughput vs bare Angus loops. */
final class MailBenchmarks {

    static final String USER = "bench";
    static final String PASSWORD = "bench-password";
    private static final TestCertificates.Issued CA = TestCertificates.validCa("Bench CA");
    private static final TestCertificates.Issued LOCALHOST = TestCertificates.server(CA, "localhost", "127.0.0.1");

    private final TestTenants fixtures;
    private final MailTests mailTests;
    private final DraftTargets targets;
    private final dev.mailroom.smtp.SmtpSettingsService settings;
    private final Outbox outbox;
    private final OutboxDispatcher dispatcher;
    private final TransactionTemplate transaction;
    private final AttemptThrottle throttle;
    private final OneTestPerTenant oneAtATime;
    private final SmtpConversations conversations;
    private final MailStatusService status;

    MailBenchmarks(ConfigurableApplicationContext context) {
        this.fixtures = context.getBean(TestTenants.class);
        this.mailTests = context.getBean(MailTests.class);
        this.targets = context.getBean(DraftTargets.class);
        this.settings = context.getBean(dev.mailroom.smtp.SmtpSettingsService.class);
        this.outbox = context.getBean(Outbox.class);
        this.dispatcher = context.getBean(OutboxDispatcher.class);
        this.transaction = context.getBean(TransactionTemplate.class);
        this.throttle = context.getBean(AttemptThrottle.class);
        this.oneAtATime = context.getBean(OneTestPerTenant.class);
        this.conversations = context.getBean(SmtpConversations.class);
        this.status = context.getBean(MailStatusService.class);
    }

    List<BenchmarkSuite.Row> run() throws Exception {
        var rows = new ArrayList<BenchmarkSuite.Row>();
        rows.addAll(testEmailLatency());
        rows.addAll(outboxThroughput());
        return rows;
    }

    private static final int WARMUP = 400;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 40;
    private static final List<String> STEPS = List.of(
            "the form read and the one-test lease taken (first part of one transaction)",
            "attempt limits (3 buckets, one locking statement and one write) and the commit (rest of that transaction)",
            "the conversation (egress check, mail session, SMTP, transcript)",
            "the lease given back and the status written (one transaction)");

    /** 1. "Send test email" (STARTTLS + AUTH PLAIN, in-process SubEthaSMTP) vs a bare Angus client doing the same. */
    private List<BenchmarkSuite.Row> testEmailLatency() throws Exception {
        try (var server = startTlsServer()) {
            var admin = fixtures.newUser(fixtures.newTenant("Bench"), "Bea", Role.ADMIN);
            fixtures.signInAs(admin);
            var draft = startTlsSettings(server.port());
            var bare = bareSession(server.port(), true);
            Stats.ThrowingRunnable angus = () -> {
                var message = message(bare, admin.email(), "Mailroom mail test");
                Transport.send(message, USER, PASSWORD);
            };
            Stats.ThrowingRunnable mailroom = () -> {
                var report = mailTests.sendTestEmail(draft, admin.email(), Locale.ENGLISH);
                if (!report.succeeded()) {
                    throw new IllegalStateException(String.join("\n", report.transcript()));
                }
            };
            var stepTimes = new ArrayList<long[]>();
            var mail = new OutgoingMail(
                    admin.email(), "Mailroom mail test", "This is a test message from Mailroom. It says nothing else.");
            Stats.ThrowingRunnable stepByStep = () -> stepTimes.add(stepByStep(draft, mail));
            // For reading: what a bare client pays without TLS session resumption (a new TLS context each time).
            Stats.ThrowingRunnable angusFreshTls = () -> {
                var session = bareSession(server.port(), true);
                Transport.send(message(session, admin.email(), "Mailroom mail test"), USER, PASSWORD);
            };
            // A long warm-up: this is the first figure of the run, and the JIT is still compiling TLS, Angus and Spring
            // paths.
            var measuredSideBySide = Stats.interleaved(WARMUP, ROUNDS, PER_ROUND, List.of(angus, stepByStep, mailroom));
            var baseline = measuredSideBySide.get(0);
            var measured = measuredSideBySide.get(2);
            // On its own: its TLS contexts (and garbage) would otherwise weigh on the rounds of the other two.
            var fresh = Stats.latency(10, ROUNDS, PER_ROUND, angusFreshTls);
            var rows = new ArrayList<BenchmarkSuite.Row>(List.of(
                    new BenchmarkSuite.Row(
                            "1. Send test email, STARTTLS + AUTH PLAIN, loopback SubEthaSMTP (latency)",
                            baseline.format("ms"),
                            measured.format("ms"),
                            measured.median() / baseline.median(),
                            "≤ 1.5×"),
                    new BenchmarkSuite.Row(
                            "1b. The same bare client with a new TLS context per send (no session resumption)",
                            fresh.format("ms"),
                            measured.format("ms"),
                            measured.median() / fresh.median(),
                            "(for reading)"),
                    new BenchmarkSuite.Row(
                            "1 · the same steps called one by one (no MailTests around them), whole send",
                            baseline.format("ms"),
                            measuredSideBySide.get(1).format("ms"),
                            measuredSideBySide.get(1).median() / baseline.median(),
                            "(for reading)")));
            rows.addAll(stepRows(stepTimes.subList(WARMUP, stepTimes.size()), baseline));
            fixtures.signOut();
            return rows;
        }
    }

    /**
     * One test email made step by step as {@code MailTests} makes it, each step timed where it runs (between the
     * other steps, as in the product, not in a warm loop of its own).
     *
     * @return the {@link System#nanoTime} before the first step and after each
     */
    private long[] stepByStep(SmtpSettingsDraft draft, OutgoingMail mail) {
        long[] t = new long[STEPS.size() + 1];
        t[0] = System.nanoTime();
        var begun = transaction.execute(tx -> {
            var form = targets.serviceInUse(draft);
            var lease = oneAtATime.begin();
            t[1] = System.nanoTime();
            throttle.acquire(
                    ThrottledAction.CONNECTION_TEST, form.tenantId(), CurrentTenant.requireAccount(), form.host());
            return java.util.Map.entry(form, lease);
        });
        var target = begun.getKey();
        t[2] = System.nanoTime();
        conversations.send(target, mail);
        t[3] = System.nanoTime();
        transaction.executeWithoutResult(tx -> {
            begun.getValue().close();
            status.recordSuccess(StatusSource.TEST);
        });
        t[4] = System.nanoTime();
        return t;
    }

    /** Per step: the median of each round's sends, min / median / max over the rounds. */
    private static List<BenchmarkSuite.Row> stepRows(List<long[]> sends, Stats bare) {
        var rows = new ArrayList<BenchmarkSuite.Row>();
        for (int step = 0; step < STEPS.size(); step++) {
            var roundMedians = new ArrayList<Double>();
            for (int round = 0; round < ROUNDS; round++) {
                int s = step;
                double[] ms = sends.subList(round * PER_ROUND, (round + 1) * PER_ROUND).stream()
                        .mapToDouble(t -> (t[s + 1] - t[s]) / 1e6)
                        .sorted()
                        .toArray();
                roundMedians.add(Stats.median(ms));
            }
            var stats = Stats.of(roundMedians);
            rows.add(new BenchmarkSuite.Row(
                    "1 · part, within whole sends: " + STEPS.get(step),
                    bare.format("ms"),
                    stats.format("ms"),
                    stats.median() / bare.median(),
                    step == 2 ? "≤ 1.15× (the conversation alone)" : "(for reading)"));
        }
        return rows;
    }

    /** 3. Outbox dispatch (batches over one connection) vs a bare Angus loop on one connection, and one per message. */
    private List<BenchmarkSuite.Row> outboxThroughput() throws Exception {
        int messages = 300;
        int rounds = 3;
        try (var server = TestSmtpServer.builder().noDelay().start()) {
            var admin = fixtures.newUser(fixtures.newTenant("Throughput"), "Theo", Role.ADMIN);
            fixtures.signInAs(admin);
            settings.save(SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(server.port())
                    .security(ConnectionSecurity.NONE)
                    .senderName("Bench")
                    .senderAddress("noreply@bench.example")
                    .authType(AuthType.NONE)
                    .build());
            var bare = bareSession(server.port(), false);

            var oneConnection = new ArrayList<Double>();
            var perMessage = new ArrayList<Double>();
            var mailroom = new ArrayList<Double>();
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                try (var transport = bare.getTransport("smtp")) {
                    transport.connect();
                    for (int i = 0; i < messages; i++) {
                        var m = message(bare, "reader" + i + "@bench.example", "Notice " + i);
                        transport.sendMessage(m, m.getAllRecipients());
                    }
                }
                double a = messages / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    Transport.send(message(bare, "reader" + i + "@bench.example", "Notice " + i));
                }
                double b = messages / ((System.nanoTime() - start) / 1e9);
                transaction.execute(tx -> {
                    for (int i = 0; i < messages; i++) {
                        outbox.enqueue(
                                MailKind.ADMIN_NOTICE, "reader" + i + "@bench.example", "Notice " + i, "Body " + i);
                    }
                    return null;
                });
                start = System.nanoTime();
                int sent = dispatcher.dispatchDue();
                double c = sent / ((System.nanoTime() - start) / 1e9);
                if (sent != messages) {
                    throw new IllegalStateException("dispatched " + sent + " of " + messages);
                }
                if (round > 0) { // round 0 warms up
                    oneConnection.add(a);
                    perMessage.add(b);
                    mailroom.add(c);
                }
            }
            fixtures.signOut();
            var base = Stats.of(oneConnection);
            var each = Stats.of(perMessage);
            var ours = Stats.of(mailroom);
            return List.of(
                    new BenchmarkSuite.Row(
                            "3a. Outbox throughput vs bare Angus, one connection (" + messages + " msgs, plain SMTP)",
                            base.format("msg/s"),
                            ours.format("msg/s"),
                            ours.median() / base.median(),
                            "≥ 0.8×"),
                    new BenchmarkSuite.Row(
                            "3b. Outbox throughput vs bare Angus, a connection per message",
                            each.format("msg/s"),
                            ours.format("msg/s"),
                            ours.median() / each.median(),
                            "(for reading)"));
        }
    }

    /** The test email's server: STARTTLS with a certificate from the bench CA, AUTH PLAIN, Nagle off. */
    static TestSmtpServer startTlsServer() {
        return TestSmtpServer.builder()
                .noDelay()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .start();
    }

    /** A tenant's custom settings for {@link #startTlsServer()}: trusting the bench CA, Basic authentication. */
    static SmtpSettingsDraft startTlsSettings(int port) {
        return SmtpSettingsDraft.builder()
                .host("localhost")
                .port(port)
                .security(ConnectionSecurity.STARTTLS)
                .trust(CertificateTrust.CUSTOM)
                .newCaPem(CA.pem())
                .senderName("Bench")
                .senderAddress("noreply@bench.example")
                .authType(AuthType.BASIC)
                .username(USER)
                .newPassword(PASSWORD)
                .build();
    }

    static Session bareSession(int port, boolean tls) throws Exception {
        var props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", "noreply@bench.example");
        // Nagle off, as Mailroom's own sockets have it (and the test server's): a tuned client, not Angus's default.
        props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        if (tls) {
            var trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CA.certificate());
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.socketFactory", context.getSocketFactory());
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.auth.mechanisms", "PLAIN");
        }
        return Session.getInstance(props);
    }

    static MimeMessage message(Session session, String to, String subject) throws Exception {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@bench.example", "Bench"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("This is a test message from Mailroom. It says nothing else.");
        return message;
    }

    /** Unconnected sockets with Nagle off; Angus connects them. */
    private static final class NoDelaySocketFactory extends javax.net.SocketFactory {
        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            var socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            var socket = createSocket();
            socket.connect(new java.net.InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            var socket = createSocket();
            socket.bind(new java.net.InetSocketAddress(local, localPort));
            socket.connect(new java.net.InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            var socket = createSocket();
            socket.connect(new java.net.InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public java.net.Socket createSocket(
                java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            var socket = createSocket();
            socket.bind(new java.net.InetSocketAddress(local, localPort));
            socket.connect(new java.net.InetSocketAddress(host, port));
            return socket;
        }
    }
}
