package io.mediaconnector.it.fuzz;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The operations of openapi.yaml: path templates, methods, query parameters and declared statuses. */
public final class SpecOperations {
    /**
     * @param statuses the statuses the operation lists, with those its {@code default} response
     *                 stands for (that response's {@code x-statuses}): every status it may answer
     */
    public record Op(String method, String template, Pattern pattern, Set<Integer> statuses, List<String> queryNames,
                     boolean hasBody) {
    }

    private final List<Op> operations = new ArrayList<>();

    public SpecOperations(String specUrl) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(specUrl, null, options);
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                Set<Integer> statuses = new TreeSet<>();
                operation.getResponses().forEach((code, response) -> statuses.addAll(
                        code.equals("default") ? standsFor(response) : Set.of(Integer.parseInt(code))));
                List<String> query = new ArrayList<>();
                List<Parameter> parameters = new ArrayList<>();
                if (path.getValue().getParameters() != null) {
                    parameters.addAll(path.getValue().getParameters());
                }
                if (operation.getParameters() != null) {
                    parameters.addAll(operation.getParameters());
                }
                parameters.stream().filter(p -> "query".equals(p.getIn())).forEach(p -> query.add(p.getName()));
                operations.add(new Op(entry.getKey().name(), path.getKey(), pattern(path.getKey()), statuses, query,
                        operation.getRequestBody() != null));
            }
        }
    }

    public List<Op> all() {
        return operations;
    }

    /** The operation a method and a raw path (no query) select, as the router would: HEAD is GET without a body. */
    public Optional<Op> match(String method, String rawPath) {
        String wanted = method.equals("HEAD") ? "GET" : method;
        return operations.stream()
                .filter(op -> op.method().equals(wanted) && op.pattern().matcher(rawPath).matches())
                .findFirst();
    }

    /** Whether any operation has this path (then a method it lacks is a 405). */
    public boolean knowsPath(String rawPath) {
        return operations.stream().anyMatch(op -> op.pattern().matcher(rawPath).matches());
    }

    /** What a {@code default} response stands for: the statuses it names in {@code x-statuses}, never "anything". */
    private static Set<Integer> standsFor(ApiResponse response) {
        Object statuses = response.getExtensions() == null ? null : response.getExtensions().get("x-statuses");
        if (!(statuses instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalStateException("a default response must name the statuses it stands for in x-statuses");
        }
        Set<Integer> codes = new TreeSet<>();
        list.forEach(code -> codes.add(((Number) code).intValue()));
        return codes;
    }

    private static Pattern pattern(String template) {
        return Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"));
    }
}
