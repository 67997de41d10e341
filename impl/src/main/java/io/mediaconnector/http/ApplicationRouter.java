package io.mediaconnector.http;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The one Grizzly handler of a node: hands each request to the application its path belongs to
 * ({@link Applications}), and starts and stops them all with the server.
 */
public final class ApplicationRouter extends HttpHandler {
    private final Applications applications;

    public ApplicationRouter(Applications applications) {
        this.applications = applications;
    }

    @Override
    public void start() {
        applications.all().forEach(application -> application.handler().start());
    }

    @Override
    public void destroy() {
        applications.all().forEach(application -> application.handler().destroy());
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        applications.of(request.getRequestURI()).handler().service(request, response);
    }
}
