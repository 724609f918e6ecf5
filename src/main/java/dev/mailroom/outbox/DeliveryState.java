package dev.mailroom.outbox;

public enum DeliveryState {
    QUEUED,
    SENDING,
    SENT,
    RETRYING,
    FAILED
}
