package io.mediaconnector.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The contract itself at {@code /openapi.yaml} and Swagger UI on it at {@code /docs}. */
@Singleton
@Path("/")
public class ContractResource {
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String DOCS_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>media-connector API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                // "Try it out" calls the node that serves this page: the contract's relative server.
                window.ui = SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#swagger-ui", deepLinking: true,
                  onComplete: () => window.ui.getSystem().oas3Actions.setSelectedServer("/")});
              </script>
            </body>
            </html>
            """;

    private final byte[] contract;
    private final String swaggerUiVersion;

    public ContractResource() {
        this.contract = read("/openapi.yaml");
        this.swaggerUiVersion = swaggerUiVersion();
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public byte[] contract() {
        return contract;
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    public String docs() {
        return DOCS_PAGE;
    }

    @GET
    @Path("docs/{asset}")
    public Response asset(@PathParam("asset") String asset) {
        String type = ASSET_TYPES.get(asset);
        if (type == null) {
            throw io.mediaconnector.problem.ProblemException.notFound("No such documentation asset.");
        }
        return Response.ok(read(SWAGGER_UI + swaggerUiVersion + "/" + asset), type)
                .header("Cache-Control", "public, max-age=86400")
                .build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = ContractResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ContractResource.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the swagger-ui webjar is not on the classpath", e);
        }
    }
}
