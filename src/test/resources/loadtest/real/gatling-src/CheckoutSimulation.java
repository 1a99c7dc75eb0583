import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** server.py's endpoints, two inside a group, a non-Latin-1 request name, and assertions; 3 users, 6 loops each. */
public class CheckoutSimulation extends Simulation {
    HttpProtocolBuilder protocol = http.baseUrl("http://127.0.0.1:" + System.getProperty("port", "18768"));

    ScenarioBuilder shoppers = scenario("Shoppers").repeat(6).on(
            exec(http("Products").get("/products"))
                    .group("Buy").on(
                            exec(http("Cart → add").post("/cart").body(StringBody("{\"sku\":1}")))
                                    .exec(http("Checkout").get("/checkout"))));

    {
        setUp(shoppers.injectOpen(atOnceUsers(3))).protocols(protocol)
                .assertions(global().responseTime().max().lt(5000), global().successfulRequests().percent().gt(50.0));
    }
}
