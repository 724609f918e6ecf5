package dev.mailroom.scan;

/** What the virus scanner said about an upload. */
public sealed interface ScanResult {

    record Clean() implements ScanResult {}

    record Infected(String signature) implements ScanResult {}

    /** This deployment has no scanner: the page says so and lets the admin go on, as admins expect. */
    record NotScanned() implements ScanResult {}

    /** A scanner is configured but did not answer: the upload is refused rather than let through unscanned. */
    record Failed(String reason) implements ScanResult {}
}
