package io.shipwatch.app;

import io.shipwatch.markers.MarkerSink;
import java.util.ArrayList;
import java.util.List;

/** The one place that knows the concrete marker sinks: builds the configured ones from {@code sinks:}. */
final class MarkerSinks {
    private MarkerSinks() {
    }

    static List<MarkerSink> from(Config.SinksSection section) {
        List<MarkerSink> sinks = new ArrayList<>();
        return sinks;
    }
}
