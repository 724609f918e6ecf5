package dev.mailroom.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the calling token may do: a script can check its scopes before it relies on them. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Token")
class TokenEndpoint {

    /** @param scopes the token's scopes, e.g. {@code settings:read} */
    record TokenInfo(List<String> scopes) {}

    @GetMapping("/token")
    @Operation(summary = "The calling token's scopes")
    TokenInfo token(Authentication caller) {
        return new TokenInfo(caller.getAuthorities().stream()
                .map(Object::toString)
                .filter(a -> a.startsWith("SCOPE_"))
                .map(a -> a.substring("SCOPE_".length()))
                .sorted()
                .toList());
    }
}
