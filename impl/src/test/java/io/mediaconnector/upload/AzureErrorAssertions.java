package io.mediaconnector.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

/** What every error answer of the blob protocol must look like to an Azure client. */
public final class AzureErrorAssertions {
    private AzureErrorAssertions() {
    }

    /** Azure's XML error with {@code code}, the same code as {@code x-ms-error-code}, and exactly one request id. */
    public static void assertAzureError(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(answer.headers().allValues("x-ms-error-code")).containsExactly(code);
        assertThat(answer.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code
                + "</Code><Message>").endsWith("</Message></Error>");
        assertOneRequestId(answer);
    }

    /** One {@code x-ms-request-id}, a UUID: the node's one source of request ids, not two. */
    public static void assertOneRequestId(HttpResponse<?> answer) {
        assertThat(answer.headers().allValues("x-ms-request-id")).singleElement()
                .satisfies(id -> assertThat(UUID.fromString(id)).isNotNull());
    }
}
