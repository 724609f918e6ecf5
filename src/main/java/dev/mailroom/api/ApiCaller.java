package dev.mailroom.api;

import java.util.UUID;

/** Who a presented token speaks for: the admin who made it, of its tenant, under the token's name. */
public record ApiCaller(UUID tokenId, UUID tenantId, UUID adminId, String tokenName) {}
