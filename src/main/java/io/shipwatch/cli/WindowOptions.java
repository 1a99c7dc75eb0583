package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Times;
import io.shipwatch.core.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --start/--end} or {@code --window}: the time window a gate or canary judgement looks at. */
public final class WindowOptions {

    @Option(names = "--start", paramLabel = "TIME", description = "Start of the window (RFC 3339); needs --end.")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "End of the window (RFC 3339); needs --start.")
    String end;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Length of the window ending now, such as 10m. Default: the spec's window.")
    String window;

    /** The window: --start/--end, else --window or the spec's default ending at {@code now}. */
    public TimeWindow resolve(Duration specDefault, Instant now) {
        if (start != null || end != null) {
            if (window != null) {
                throw new InputException("--window", "cannot be combined with --start/--end",
                        "give either --start and --end, or --window");
            }
            if (start == null || end == null) {
                throw new InputException(start == null ? "--start" : "--end", "is missing",
                        "give both --start and --end, such as --start 2026-11-26T14:00:00Z --end 2026-11-26T14:10:00Z");
            }
            Instant from = Times.parseInstant(start, "--start");
            Instant to = Times.parseInstant(end, "--end");
            if (!from.isBefore(to)) {
                throw new InputException("--end", end + " is not after --start " + start, "give an end after the start");
            }
            return new TimeWindow(from, to);
        }
        Duration length = window == null ? specDefault : Times.parseDuration(window, "--window");
        if (length.isZero()) {
            throw new InputException("--window", "'" + window + "' is zero", "give a positive duration such as 10m");
        }
        return new TimeWindow(Times.windowStart(now, length, window == null ? "the spec's window" : "--window"), now);
    }
}
