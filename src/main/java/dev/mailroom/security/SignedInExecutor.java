package dev.mailroom.security;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;

/**
 * The application's task executor (Boot's, on virtual threads) runs every task as whoever submitted it: a
 * connection test started on a page runs as that admin, so the services' role and tenant checks hold off the
 * request thread too, without each caller copying the security context by hand. The context is read through
 * this application's strategy, not the JVM-global holder (two contexts in one JVM, as in tests, each have one).
 */
@Configuration(proxyBeanMethods = false)
class SignedInExecutor {

    @Bean
    AsyncTaskExecutor applicationTaskExecutor(
            SimpleAsyncTaskExecutorBuilder builder, SecurityContextHolderStrategy securityContexts) {
        var executor = new DelegatingSecurityContextAsyncTaskExecutor(builder.build());
        executor.setSecurityContextHolderStrategy(securityContexts);
        return executor;
    }
}
