package dev.mailroom.egress;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EgressProperties.class)
class EgressConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EgressConfiguration.class);

    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    @Bean
    EgressPolicy egressPolicy(EgressProperties properties, HostResolver resolver, MeterRegistry meters) {
        var policy = new EgressPolicy(properties, resolver, meters);
        if (properties.allowLoopback()) {
            log.warn("Mail egress allows loopback on any port (demo/development setting): {}", policy);
        } else {
            log.info("Mail egress: {}", policy);
        }
        return policy;
    }
}
