package io.shipwatch.markers;

import java.util.List;

/** One page of deployments, newest first, and the cursor to the next page (null on the last). */
public record DeploymentPage(List<Deployment> items, DeploymentQuery.Cursor next) {
}
