package dev.mailroom.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI 3.1 description (springdoc builds it from the endpoints; served at /api-docs, browsable at
 * /api-docs/ui for signed-in admins and operators, who can try each call with a token of theirs).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String TOKEN = "token";

    /**
     * springdoc's beans wait for the first request for the description: built at start they cost every start of
     * every node about 0.4 s (BENCHMARKS.md, session 9) for a page a few admins open now and then. Spring MVC
     * maps a lazy controller by its type and makes it when the first request for it comes.
     */
    @Bean
    static BeanFactoryPostProcessor springdocOnFirstUse() {
        return beans -> {
            for (String name : beans.getBeanDefinitionNames()) {
                var definition = beans.getBeanDefinition(name);
                String declaredBy = definition instanceof AnnotatedBeanDefinition annotated
                                && annotated.getFactoryMethodMetadata() != null
                        ? annotated.getFactoryMethodMetadata().getDeclaringClassName()
                        : definition.getBeanClassName();
                if (declaredBy != null && declaredBy.startsWith("org.springdoc.")) {
                    definition.setLazyInit(true);
                }
            }
        };
    }

    @Bean
    OpenAPI mailroomApi() {
        return new OpenAPI()
                .info(new Info().title("Mailroom API").version("v1").description("""
                                What the admin pages do, for scripts. Authenticate with an API token from \
                                Administration → API tokens (`Authorization: Bearer mrt_…`): a tenant token acts as \
                                the admin who made it, for that tenant; a platform token, made by an operator, \
                                manages tenants. Errors are RFC 9457 problem details with a stable `type`, their \
                                title in the language of `Accept-Language` (en, pl, id). Writes to the SMTP \
                                settings name the version they replace with `If-Match` (the `ETag` of a read)."""))
                .components(new Components()
                        .addSecuritySchemes(
                                TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token (mrt_…), shown once when it is made")))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN));
    }

    /**
     * Every operation may answer with a problem: the ones every call can meet (no token, a token of the wrong kind,
     * attempt limits) are listed on each, the others under "4XX", all as RFC 9457 problem details.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            var problem = new Schema<>()
                    .type("object")
                    .addProperty("type", new Schema<>().type("string").example("/api/problems/invalid-settings"))
                    .addProperty("title", new Schema<>().type("string"))
                    .addProperty("status", new Schema<>().type("integer").example(422))
                    .addProperty(
                            "fields",
                            new Schema<>()
                                    .type("array")
                                    .description("The fields concerned, with the page's message for each")
                                    .items(new Schema<>().type("object")));
            api.getComponents().addSchemas("Problem", problem);
            api.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        var responses = operation.getResponses();
                        responses.addApiResponse("401", problem("No usable token (none, unknown, revoked or expired)"));
                        responses.addApiResponse(
                                "403", problem("The token may not do this (a tenant or platform token)"));
                        responses.addApiResponse(
                                "4XX", problem("Refused; the type says why, the title in your language"));
                    }));
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
