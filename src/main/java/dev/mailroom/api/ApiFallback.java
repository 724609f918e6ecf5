package dev.mailroom.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any API address that is no endpoint: a 404 problem, not the web page the rest of the site would answer with
 * (Vaadin answers every other address with its page, so scripts would read HTML and a 200).
 */
@RestController
@Hidden // not an endpoint: the answer for addresses that are none
class ApiFallback {

    @RequestMapping("/api/**")
    void notFound() {
        throw new NothingHereException("not-found");
    }
}
