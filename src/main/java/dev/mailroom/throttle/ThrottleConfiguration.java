package dev.mailroom.throttle;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottleProperties.class)
class ThrottleConfiguration {

    static final String TABLE = "throttle_bucket";

    @Bean
    AttemptThrottle attemptThrottle(ThrottleProperties properties, DataSource dataSource, MeterRegistry meters) {
        return new AttemptThrottle(properties, dataSource, TABLE, meters);
    }

    @Bean
    SendingPace sendingPace(AttemptThrottle throttle) {
        return new SendingPace(throttle);
    }

    @Bean
    OneTestPerTenant oneTestPerTenant(JdbcClient jdbc, TransactionTemplate transaction, ThrottleProperties properties) {
        return new OneTestPerTenant(jdbc, transaction, properties);
    }
}
