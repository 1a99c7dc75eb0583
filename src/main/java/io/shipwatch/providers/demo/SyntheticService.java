package io.shipwatch.providers.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The made-up health of one service: levels drawn from its name, a daily cycle peaking mid-afternoon UTC and noise
 * drawn from (name, metric, time), so a value never depends on which window or step asked for it.
 */
record SyntheticService(String name, long seed) {
    private static final double DAY_SECONDS = 86_400;

    SyntheticService(String name) {
        this(name, hash(name));
    }

    double requestRate(Instant t) {
        double base = 20 + 180 * unit(seed, 1);
        return base * daily(t) * (1 + 0.05 * noise(1, t));
    }

    double errorRatio(Instant t) {
        double base = 0.002 + 0.006 * unit(seed, 2);
        return base * (1 + 0.3 * noise(2, t));
    }

    /** Inside an incident: about {@code level}, with the same relative noise as usual. */
    double incidentErrorRatio(Instant t, double level) {
        return Math.min(1, level * (1 + 0.1 * noise(2, t)));
    }

    double latencyP95Seconds(Instant t) {
        double base = 0.12 + 0.25 * unit(seed, 3);
        // more traffic, slightly slower: a sixth of the daily swing
        return base * (1 + (daily(t) - 1) / 6) * (1 + 0.08 * noise(3, t));
    }

    /** 0.6 at 03:00 UTC, 1.4 at 15:00 UTC. */
    private static double daily(Instant t) {
        double dayFraction = Math.floorMod(t.getEpochSecond(), (long) DAY_SECONDS) / DAY_SECONDS;
        return 1 + 0.4 * Math.sin(2 * Math.PI * (dayFraction - 0.375));
    }

    /** In [-1, 1), the same for the same service, metric and second. */
    private double noise(int metric, Instant t) {
        return 2 * unit(mix(seed ^ mix(metric)), t.getEpochSecond()) - 1;
    }

    /** In [0, 1), drawn from a seed and a salt. */
    private static double unit(long seed, long salt) {
        return (mix(seed + mix(salt)) >>> 11) * 0x1.0p-53;
    }

    // SplitMix64's finalizer: a well-spread 64-bit hash, stable across JVMs unlike Object.hashCode
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long hash(String text) {
        long h = 0x9e3779b97f4a7c15L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return h;
    }
}
