package io.mediaconnector.upload;

import java.nio.file.Path;

/** Child-JVM entry point for {@code it.LargeUploadIT}: the endpoint on a port, under a small heap. */
public final class LargeUploadServerMain {

    private LargeUploadServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String container = args[1];
        String blob = args[2];
        BlobTestServer server = new BlobTestServer(root, BlobEndpointSettings.withMaxBlobBytes(3L << 30));
        server.targets.open(container, blob);
        System.out.println("URL " + server.uploadUri(container, blob));
        System.out.flush();
        System.in.read(); // runs until the parent closes our stdin
        server.close();
        System.out.println("MAXHEAP " + Runtime.getRuntime().totalMemory());
    }
}
