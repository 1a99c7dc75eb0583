"""Three endpoints of the tiny server; every request is also logged, one CSV row each, to the file named by
$REQUEST_LOG, so that independent_stats.py can check Locust's own numbers. Each user sends 60 requests and then
idles until the run ends: Locust writes its final CSV before the requests still in flight at the end are counted,
and a run that ends idle keeps that loss out of the comparison."""
import csv
import os
import random

from locust import HttpUser, events, task

log = open(os.environ["REQUEST_LOG"], "w", newline="")
writer = csv.writer(log)
writer.writerow(["type", "name", "start_time", "response_time_ms", "failed"])


@events.request.add_listener
def on_request(request_type, name, response_time, exception, start_time=None, **kwargs):
    writer.writerow([request_type, name, start_time, response_time, 1 if exception else 0])


@events.quitting.add_listener
def on_quit(environment, **kwargs):
    log.flush()


class Shopper(HttpUser):
    sent = 0

    def wait_time(self):
        self.sent += 1
        return 3600 if self.sent >= 60 else random.uniform(0.01, 0.05)

    @task(3)
    def products(self):
        self.client.get("/products")

    @task(2)
    def cart(self):
        self.client.post("/cart", json={"sku": 1})

    @task(1)
    def checkout(self):
        self.client.get("/checkout")
