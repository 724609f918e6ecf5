package dev.mailroom.mail;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Connection tests and test mail, step by step: the same {@link SmtpTransport#connect} the outbox uses,
 * watched so that every step is reported with its time, the protocol dialogue is kept as a transcript
 * (secrets masked), and a failure carries a plain-words explanation.
 */
@Component
public class SmtpConversations {

    private final SmtpTransport transport;

    SmtpConversations(SmtpTransport transport) {
        this.transport = transport;
    }

    public ConversationReport test(SmtpTarget target) {
        return run(target, null);
    }

    public ConversationReport send(SmtpTarget target, OutgoingMail mail) {
        return run(target, mail);
    }

    private ConversationReport run(SmtpTarget target, @Nullable OutgoingMail mail) {
        var steps = new StepReport(new Transcript(target.credentials().secrets()));
        try (var connection = transport.connect(target, steps)) {
            if (mail != null) {
                long sendStart = System.nanoTime();
                steps.passed(StepKind.SEND, SmtpTransport.since(sendStart), connection.send(mail));
            }
            long quitStart = System.nanoTime();
            connection.quit();
            steps.passed(StepKind.QUIT, SmtpTransport.since(quitStart), "");
        } catch (SmtpFailure f) {
            steps.failed(f);
        } catch (MessagingException | RuntimeException e) {
            steps.failed(FailureExplanations.failure(e, target.security(), target.port()));
        }
        return steps.report();
    }

    /** Collects the steps and the transcript of one conversation. */
    private static final class StepReport implements ConnectionObserver {
        private final List<ConversationStep> steps = new ArrayList<>();
        private final Transcript transcript;

        StepReport(Transcript transcript) {
            this.transcript = transcript;
        }

        @Override
        public boolean reports() {
            return true;
        }

        @Override
        public Transcript transcript() {
            return transcript;
        }

        @Override
        public void passed(StepKind step, @Nullable Duration took, StepDetail detail) {
            steps.add(ConversationStep.ok(step, took, detail));
        }

        @Override
        public void retrying() {
            steps.removeIf(s -> s.kind() != StepKind.RESOLVE);
            transcript.note("Mailroom: the server refused the cached token; fetching a new one");
        }

        void failed(SmtpFailure failure) {
            steps.add(failure.asStep());
        }

        ConversationReport report() {
            return new ConversationReport(steps, transcript.render());
        }
    }
}
