package dev.mailroom.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** A connection as the role that owns the tables (the one Flyway migrates with), for checks behind the application's back. */
@Component
public class DatabaseOwner {

    private final String url;
    private final String user;
    private final String password;

    DatabaseOwner(
            @Value("${spring.flyway.url:${spring.datasource.url}}") String url,
            @Value("${spring.flyway.user:}") String user,
            @Value("${spring.flyway.password:}") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
