package io.shipwatch.http;

import io.javalin.http.HttpResponseException;

/** Ends a request early with a problem body (authentication failures in a before-handler). */
final class ProblemResponse extends HttpResponseException {
    final Problem problem;

    ProblemResponse(Problem problem) {
        super(problem.status(), problem.detail());
        this.problem = problem;
    }
}
