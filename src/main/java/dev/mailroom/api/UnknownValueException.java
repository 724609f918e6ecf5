package dev.mailroom.api;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request field holds a value the endpoint does not know; {@code allowed} lists the ones it does. */
class UnknownValueException extends RuntimeException {

    private final String field;
    private final List<String> allowed;

    UnknownValueException(String field, List<String> allowed) {
        super(field + " must be one of " + allowed);
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    /**
     * The constant named {@code given}; when it is left out, {@code otherwise} (none: the field is required).
     *
     * @throws UnknownValueException {@code given} names none of {@code values}
     */
    static <E extends Enum<E>> E oneOf(String field, E[] values, @Nullable String given, @Nullable E otherwise) {
        if (given == null && otherwise != null) {
            return otherwise;
        }
        return Arrays.stream(values)
                .filter(v -> v.name().equals(given))
                .findFirst()
                .orElseThrow(() -> new UnknownValueException(
                        field, Arrays.stream(values).map(Enum::name).toList()));
    }

    String field() {
        return field;
    }

    List<String> allowed() {
        return allowed;
    }
}
