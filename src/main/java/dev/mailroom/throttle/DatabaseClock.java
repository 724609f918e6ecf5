package dev.mailroom.throttle;

import java.util.Objects;

import io.github.bucket4j.TimeMeter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * bucket4j's clock, read from PostgreSQL: every node refills the shared buckets by the same clock, so a
 * node whose clock runs ahead cannot hand out tokens early. Costs one short query per limiter call.
 */
final class DatabaseClock implements TimeMeter {

    private final JdbcClient jdbc;

    DatabaseClock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long currentTimeNanos() {
        Long micros = jdbc.sql("select (extract(epoch from clock_timestamp()) * 1000000)::bigint").query(Long.class).single();
        return Objects.requireNonNull(micros) * 1000;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
