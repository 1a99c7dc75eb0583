import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** Three endpoints of server.py, the last two inside a group; 6 users, 25 loops each. */
public class ShopSimulation extends Simulation {
    HttpProtocolBuilder protocol = http.baseUrl("http://127.0.0.1:18767");

    ScenarioBuilder shoppers = scenario("Shoppers").repeat(25).on(
            exec(http("Products").get("/products"))
                    .group("Buy").on(
                            exec(http("Cart").post("/cart").body(StringBody("{\"sku\":1}")))
                                    .exec(http("Checkout").get("/checkout"))));

    {
        setUp(shoppers.injectOpen(atOnceUsers(6))).protocols(protocol);
    }
}
