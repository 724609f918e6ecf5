package dev.mailroom.database;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new TenantScopedTransactionManager(dataSource);
    }
}
