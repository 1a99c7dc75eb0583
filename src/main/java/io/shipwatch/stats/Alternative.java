package io.shipwatch.stats;

/** The alternative hypothesis of a two-sample test, stated for the candidate against the baseline. */
public enum Alternative {
    /** The candidate's values differ from the baseline's in either direction. */
    TWO_SIDED,
    /** The candidate's values tend to be larger than the baseline's. */
    GREATER,
    /** The candidate's values tend to be smaller than the baseline's. */
    LESS
}
