package io.mediaconnector.contract.spec;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.RequestResponseInteraction;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isRequest;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusIs;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every interaction of the consumer's pact must be valid against openapi.yaml, requests and
 * responses alike. Runs after the consumer tests wrote the pact (failsafe).
 */
class PactMatchesSpecIT {
    private static final Path PACT = Path.of("target/pacts", CONSUMER + "-" + PROVIDER + ".json");

    @Test
    void everyInteractionOfThePactIsValidAgainstTheSpec() throws IOException {
        assertThat(PACT).as("the pact the consumer tests write").exists();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec())
                .withWhitelist(deliberatelyInvalidRequests())
                .build();
        // PactProviderValidator (built on Pact JVM 4.6) cannot load pacts with Pact JVM 4.7's
        // ConsumerInfo, so the pact is read here and each interaction goes through the same
        // PactRequest/PactResponse adapters it uses.
        Pact pact = DefaultPactReader.INSTANCE.loadPact(PACT.toFile());
        assertThat(pact.getInteractions()).as("interactions in the pact").isNotEmpty();

        Map<String, String> violations = new LinkedHashMap<>();
        for (var interaction : pact.getInteractions()) {
            var exchange = (RequestResponseInteraction) interaction;
            ValidationReport report = validator.validate(
                    PactRequest.of(exchange.getRequest()), PactResponse.of(exchange.getResponse()));
            if (report.hasErrors()) {
                violations.put(exchange.getDescription(), SimpleValidationReportFormat.getInstance().apply(report));
            }
        }
        assertThat(violations).as("interactions that break openapi.yaml").isEmpty();
    }

    /**
     * The consumer sends {@code "OriginalFileName": null} and {@code endpointType=Flash} on purpose
     * to get a 400; those requests, and only their type and enum errors, may break the spec.
     */
    private static ValidationErrorsWhitelist deliberatelyInvalidRequests() {
        return ValidationErrorsWhitelist.create()
                .withRule("a null required field, to get 400",
                        allOf(isRequest(), responseStatusIs(400), messageHasKey("validation.request.body.schema.type")))
                .withRule("a value outside an enum, to get 400",
                        allOf(isRequest(), responseStatusIs(400), messageHasKey("validation.request.parameter.schema.enum")));
    }

    private static String spec() throws IOException {
        try (InputStream in = PactMatchesSpecIT.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml from the api-spec module").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
