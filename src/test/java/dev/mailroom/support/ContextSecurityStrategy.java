package dev.mailroom.support;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test method, makes the test's Spring context's security-context strategy the JVM-global one.
 * Each context started in this JVM installs its own Vaadin-aware strategy globally; a test running in an
 * earlier, cached context would otherwise see views, services and worker threads disagree on who is signed in.
 */
public class ContextSecurityStrategy implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext
                    .getApplicationContext()
                    .getBeanProvider(SecurityContextHolderStrategy.class)
                    .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
        }
    }
}
