package io.mediaconnector.encoding;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the kernel kill every ffmpeg/ffprobe this service starts when the service dies, even by
 * {@code kill -9} (which runs no Java code at all), so no encoder keeps running orphaned.
 *
 * <p>How: each command is started as {@code setpriv --pdeathsig KILL -- <executable> <args>}.
 * Debian's util-linux {@code setpriv} sets {@code PR_SET_PDEATHSIG} and then execs the executable;
 * the setting survives the exec (the executables are not set-uid), and the process keeps its pid,
 * so killing it and reading its exit status work as before.
 *
 * <p>Which death counts: Linux sends the signal when the <em>thread</em> that created the child
 * ends, not only when the whole process does. The JDK creates children from the thread that calls
 * {@code ProcessBuilder.start()} (posix_spawn of {@code jspawnhelper}, which execs the command).
 * {@link ProcessRunner} starts each process on the thread that then waits for it, and returns only
 * once the process has ended or been killed, so that thread lives as long as the process does; a
 * {@code kill -9} of the JVM ends all its threads at once, and every encoder with them.
 *
 * <p>One instant is not covered: the signal is armed by {@code setpriv} just before it execs the
 * executable, so a service killed between {@code start()} and that moment (microseconds) leaves
 * the process running; the node's next start stops it (its leftover sweep).
 *
 * <p>Without {@code setpriv} (a machine without util-linux), commands start directly: an encoder
 * then outlives a killed service until the node's next start stops it (its leftover sweep).
 */
public final class ParentDeathSignal {
    private static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
    private static final long PROBE_TIMEOUT_SECONDS = 10;

    private final Optional<Path> setpriv;

    private ParentDeathSignal(Optional<Path> setpriv) {
        this.setpriv = setpriv;
    }

    /** {@code setpriv} from the usual places or the {@code PATH}, if it is there and works here. */
    public static ParentDeathSignal detect() {
        return new ParentDeathSignal(candidates().filter(Files::isExecutable).findFirst().filter(ParentDeathSignal::works));
    }

    /** Commands start directly (for a machine without {@code setpriv}). */
    public static ParentDeathSignal unavailable() {
        return new ParentDeathSignal(Optional.empty());
    }

    public boolean available() {
        return setpriv.isPresent();
    }

    /** {@code command} as it is started: behind {@code setpriv} when it is available. */
    List<String> wrap(List<String> command) {
        if (setpriv.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 4);
        wrapped.addAll(List.of(setpriv.get().toString(), "--pdeathsig", "KILL", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Stream<Path> candidates() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(USUAL_PLACES.stream(),
                Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "setpriv")));
    }

    /** A container's seccomp profile could refuse the prctl: try it once, on setpriv itself. */
    private static boolean works(Path setpriv) {
        try {
            Process probe = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "--", setpriv.toString(),
                    "--version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
