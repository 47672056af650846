package news.timeline.tools;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar timeline-tools-exec.jar verify-chain|rebuild [options]}: the command line's entry point. */
public final class TimelineTools {

    /** Exit statuses: all verified (or rebuilt and matching), something broken or failed, a usage error. */
    public static final int SUCCESS = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private TimelineTools() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        return switch (args.length == 0 ? "" : args[0]) {
            case "verify-chain" -> VerifyChain.run(options, out, err);
            case "rebuild" -> RebuildProjections.run(options, out, err);
            default -> {
                err.println("usage: timeline-tools verify-chain --bootstrap-servers host:port [--topic t] [--timeline id]...");
                err.println("       timeline-tools rebuild --query-service http://host:8082 [--query-service …]"
                        + " --user admin [--password p]");
                yield USAGE;
            }
        };
    }
}
