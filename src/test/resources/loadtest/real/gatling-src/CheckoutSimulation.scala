import io.gatling.core.Predef._
import io.gatling.http.Predef._

/** server.py's endpoints, two inside a group, and assertions; 3 users, 6 loops each (Gatling 3.0-3.6 Scala DSL). */
class CheckoutSimulation extends Simulation {
  val protocol = http.baseUrl("http://127.0.0.1:" + System.getProperty("port", "18768"))

  val shoppers = scenario("Shoppers").repeat(6) {
    exec(http("Products").get("/products"))
      .group("Buy") {
        exec(http("Cart").post("/cart").body(StringBody("""{"sku":1}""")))
          .exec(http("Checkout").get("/checkout"))
      }
  }

  setUp(shoppers.inject(atOnceUsers(3))).protocols(protocol)
    .assertions(global.responseTime.max.lt(5000), global.successfulRequests.percent.gt(50))
}
