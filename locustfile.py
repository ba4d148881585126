"""Load test for TMM (Locust; works with Debian's python3-locust 2.12 and current Locust).

Each simulated user logs in with its own account (LOCUST_USERS_FILE, default locust_users.csv, as
written by `tmm create-test-users`), browses (reads), enrolls in workshops (writes, weight 2) and
buys kits. Results are judged honestly, unlike the old script:

  enrollment POST -> 303 to /pago/<id>/                         = "enrolled" (success)
                  -> 303 back to the workshop, page says
                     "No quedan cupos" or "Ya estás inscrito"   = a correct refusal, reported
                                                                  under its own name (success)
                  -> anything else (5xx, login page, unknown)   = failure
  login           -> 303 away from /login/                      = success; a re-rendered form = failure

Scenarios (pick one by class name on the command line):
  TmmUser          the everyday mix (default)
  LaunchUser       everybody goes for the same workshop at once (LOCUST_LAUNCH_WORKSHOP=<id>, or
                   the first workshop in the catalogue)
  OldScenarioUser  the old system's own scenario, request for request (section 14 of the original's
                   specification): browse (weight 1) and enroll (weight 2), logging in again on every
                   enrollment; redirects are followed one by one so every HTTP request the server
                   answers is counted under its own name

Example, headless for 60 s against a local server:
  locust -f locustfile.py --headless -u 200 -r 50 -t 60s --host http://127.0.0.1:8000 TmmUser
"""

import csv
import itertools
import time
import os
import random
import re
import threading

from locust import HttpUser, between, task

USERS_FILE = os.environ.get("LOCUST_USERS_FILE", "locust_users.csv")
USER_PREFIX = os.environ.get("LOCUST_USER_PREFIX", "locust")
USER_COUNT = int(os.environ.get("LOCUST_USER_COUNT", "100"))
USER_PASSWORD = os.environ.get("LOCUST_USER_PASSWORD", "locustpass")
LAUNCH_WORKSHOP = os.environ.get("LOCUST_LAUNCH_WORKSHOP")
STARTUP_JITTER = float(os.environ.get("LOCUST_STARTUP_JITTER", "0.5"))

WORKSHOP_LINK = re.compile(r'href="/talleres/(\d+)/"')
PRODUCT_LINK = re.compile(r'href="/productos/(\d+)/"')
SALE_PAY = re.compile(r"/pago/venta/(\d+)/")


def load_credentials():
    if os.path.exists(USERS_FILE):
        with open(USERS_FILE, newline="", encoding="utf-8") as handle:
            rows = [(r[0].strip(), r[1].strip()) for r in csv.reader(handle) if len(r) >= 2 and r[0].strip()]
        if rows:
            return rows
    return [(f"{USER_PREFIX}{i}", USER_PASSWORD) for i in range(1, USER_COUNT + 1)]


CREDENTIALS = load_credentials()
_next_credential = itertools.count()
_lock = threading.Lock()


def take_credential():
    """Round-robin: with no more users than accounts, every simulated user has its own account."""
    with _lock:
        return CREDENTIALS[next(_next_credential) % len(CREDENTIALS)]


def location(response):
    return response.headers.get("Location", "")


class TmmBase(HttpUser):
    abstract = True
    wait_time = between(1, 2.5)

    def on_start(self):
        self.username, password = take_credential()
        self.logged_in = False
        self.client.get("/login/", name="login GET")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/login/",
            data={"username": self.username, "password": password, "_csrf": token},
            headers={"X-CSRFToken": token},
            allow_redirects=False,
            catch_response=True,
            name="login POST",
        ) as response:
            if response.status_code == 303 and "/login/" not in location(response):
                self.logged_in = True
                response.success()
            else:
                response.failure(f"login refused for {self.username}: HTTP {response.status_code}")

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def enroll(self, workshop_id):
        """POST the enrollment form and judge the outcome from the redirect and the page it leads to."""
        self.client.get(f"/talleres/{workshop_id}/", name="workshop detail")
        token = self.csrf()
        with self.client.post(
            f"/talleres/{workshop_id}/",
            data={"_csrf": token},
            headers={"X-CSRFToken": token},
            allow_redirects=False,
            catch_response=True,
            name="enroll POST",
        ) as response:
            target = location(response)
            if response.status_code == 303 and "/pago/" in target:
                response.success()
                return "enrolled"
            if response.status_code == 303 and f"/talleres/{workshop_id}/" in target:
                page = self.client.get(target, name="enroll refused: page").text.lower()
                if "no quedan cupos" in page:
                    response.success()
                    self.record_refusal("enroll refused: full")
                    return "full"
                if "ya estás inscrit" in page or "ya estas inscrit" in page:
                    response.success()
                    self.record_refusal("enroll refused: already enrolled")
                    return "duplicate"
                response.failure("redirected back to the workshop without a known reason")
                return "failed"
            response.failure(f"unexpected answer: HTTP {response.status_code} {target}")
            return "failed"

    def record_refusal(self, name):
        # A correct refusal is not an error, but it is counted apart from real enrollments.
        self.environment.events.request.fire(
            request_type="RESULT", name=name, response_time=0, response_length=0, exception=None, context={}
        )


class TmmUser(TmmBase):
    @task(1)
    def browse(self):
        self.client.get("/", name="home")
        self.client.get("/productos/", name="kits catalogue")
        self.client.get("/talleres/", name="workshop catalogue")

    @task(2)
    def enroll_somewhere(self):
        if not self.logged_in:
            return
        page = self.client.get("/talleres/", name="workshop catalogue").text
        ids = sorted(set(WORKSHOP_LINK.findall(page)))
        if ids:
            self.enroll(random.choice(ids))

    @task(1)
    def buy_a_kit(self):
        if not self.logged_in:
            return
        page = self.client.get("/productos/", name="kits catalogue").text
        ids = sorted(set(PRODUCT_LINK.findall(page)))
        if not ids:
            return
        product = random.choice(ids)
        self.client.get(f"/productos/{product}/", name="kit detail")
        token = self.csrf()
        with self.client.post(
            f"/carrito/add/{product}/",
            data={"_csrf": token, "cantidad": "1"},
            allow_redirects=False,
            catch_response=True,
            name="cart add",
        ) as response:
            target = location(response)
            if response.status_code == 303 and target.endswith(f"/productos/{product}/"):
                # A kit with no stock left is refused at add time, on its own page: a correct refusal.
                page = self.client.get(target, name="cart add refused: page").text.lower()
                if "no tiene stock" in page or "no está disponible" in page:
                    response.success()
                    self.record_refusal("cart add refused: out of stock")
                else:
                    response.failure("sent back to the kit without a known reason")
                return
            if response.status_code != 303:
                response.failure(f"HTTP {response.status_code}")
                return
        with self.client.post(
            "/carrito/checkout/",
            data={"_csrf": self.csrf()},
            allow_redirects=False,
            catch_response=True,
            name="checkout POST",
        ) as response:
            target = location(response)
            match = SALE_PAY.search(target)
            if response.status_code == 303 and match:
                response.success()
            elif response.status_code == 303 and target.endswith("/carrito/"):
                page = self.client.get("/carrito/", name="checkout refused: cart").text.lower()
                if "stock insuficiente" in page or "no tiene stock" in page or "sin stock" in page:
                    response.success()
                    self.record_refusal("checkout refused: out of stock")
                else:
                    response.failure("sent back to the cart without a known reason")
                return
            else:
                response.failure(f"unexpected answer: HTTP {response.status_code} {target}")
                return
        with self.client.post(
            match.group(0),
            data={"_csrf": self.csrf(), "accion_pago": "pagar"},
            allow_redirects=False,
            catch_response=True,
            name="order pay POST",
        ) as response:
            if response.status_code == 303:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")


class LaunchUser(TmmBase):
    """Everyone tries to take a seat in the same workshop the moment it opens."""

    wait_time = between(0.1, 0.5)
    target = None

    def on_start(self):
        super().on_start()
        if LaunchUser.target is None:
            if LAUNCH_WORKSHOP:
                LaunchUser.target = LAUNCH_WORKSHOP
            else:
                ids = WORKSHOP_LINK.findall(self.client.get("/talleres/", name="workshop catalogue").text)
                LaunchUser.target = ids[0] if ids else "1"
        self.done = False

    @task
    def launch(self):
        if self.done or not self.logged_in:
            self.client.get(f"/talleres/{LaunchUser.target}/cupos.json", name="seats poll")
            return
        self.enroll(LaunchUser.target)
        self.done = True


class OldScenarioUser(HttpUser):
    """The old system's load script, the same HTTP requests in the same proportions.

    on_start: a random pause of up to LOCUST_STARTUP_JITTER s, then GET and POST /login/.
    browse (weight 1): GET /, /productos/, /talleres/.
    enroll (weight 2): GET /talleres/ and pick a workshop from its links; GET and POST /login/ again
    (the old script logged in on every enrollment); GET /talleres/<id>/; POST /talleres/<id>/.
    The old script let the HTTP client follow redirects; here each redirect is followed by hand, so
    the server sees the same requests and each one is reported. Judged honestly: an enrollment is a
    success when it leads to the payment page or back to the workshop with a known refusal (full,
    already enrolled), a failure otherwise; a login that comes back to /login/ is a failure.
    """

    wait_time = between(1, 2.5)

    def on_start(self):
        self.username, self.password = take_credential()
        time.sleep(random.uniform(0, STARTUP_JITTER))
        self.login(inline=False)

    def follow(self, response, name):
        """GET where a 3xx points, as the old script's client did; returns the final response."""
        hops = 0
        while response.status_code in (301, 302, 303, 307, 308) and hops < 5:
            response = self.client.get(location(response), name=name, allow_redirects=False)
            hops += 1
        return response

    def login(self, inline):
        suffix = " (inline)" if inline else ""
        self.follow(self.client.get("/login/", name="login GET" + suffix, allow_redirects=False), "login GET → redirect")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/login/",
            data={"username": self.username, "password": self.password, "_csrf": token},
            headers={"X-CSRFToken": token, "Referer": f"{self.host}/login/"},
            allow_redirects=False,
            catch_response=True,
            name="login POST" + suffix,
        ) as response:
            if response.status_code == 303 and "/login/" not in location(response):
                response.success()
            else:
                response.failure(f"login refused for {self.username}: HTTP {response.status_code}")
        self.follow(response, "login POST → redirect")

    @task(1)
    def browse(self):
        self.client.get("/", name="1. home")
        self.client.get("/productos/", name="2. kits catalogue")
        self.client.get("/talleres/", name="3. workshop catalogue")

    @task(2)
    def enroll(self):
        page = self.client.get("/talleres/", name="4. workshop catalogue").text
        ids = sorted(set(WORKSHOP_LINK.findall(page)))
        workshop_id = random.choice(ids) if ids else str(random.randint(1, 5))
        self.login(inline=True)
        self.client.get(f"/talleres/{workshop_id}/", name="4. workshop detail")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            f"/talleres/{workshop_id}/",
            data={"_csrf": token, "telefono": f"+569{random.randint(10000000, 99999999)}"},
            headers={"X-CSRFToken": token},
            allow_redirects=False,
            catch_response=True,
            name="4. enroll POST",
        ) as response:
            target = location(response)
            final = self.follow(response, "4. enroll POST → redirect")
            if response.status_code == 303 and "/pago/" in target:
                response.success()
            elif response.status_code == 303 and f"/talleres/{workshop_id}/" in target:
                text = final.text.lower()
                if "no quedan cupos" in text or "ya estás inscrit" in text or "ya estas inscrit" in text:
                    response.success()
                else:
                    response.failure("redirected back to the workshop without a known reason")
            else:
                response.failure(f"unexpected answer: HTTP {response.status_code} {target}")
