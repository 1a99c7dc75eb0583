package io.shipwatch.providers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One time series of a query result: its labels and its points in time order. */
public record Series(Map<String, String> labels, List<Point> points) {

    /** One sample; {@code value} may be NaN when the backend says so. */
    public record Point(Instant time, double value) {
    }

    public Series {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }
}
