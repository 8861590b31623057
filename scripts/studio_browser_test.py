#!/usr/bin/env python3
"""Browser test of `sift studio` with Debian's chromium and chromium-driver, driven by selenium.

    studio_browser_test.py --sift BIN

An admin creates a project on the admin page (upload, labels, guidelines, a blind pilot for
three annotators); alice, bob and carol, each in a browser session of their own, label the
pilot with the keyboard only (number keys, Enter, arrows, u); during the pilot an annotator gets
403 for another annotator's labels and for agreement; the agreement page then shows the kappa
`sift agree` computes on `sift studio export`, and the agreement API returns `sift agree --json`'s
document; item texts and guidelines carrying script and event-handler payloads stay inert text.
"""
import argparse, json, os, shutil, signal, subprocess, sys, tempfile, time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "\"><svg onload=\"window.__pwned = 'svg'\">",
]
GUIDELINES = """# Sentiment guidelines

Label the **overall** tone of the message.

1. *positive*: thanks, praise
2. *negative*: complaints
3. *neutral*: questions, facts

<img src=x onerror="window.__pwned = 'guidelines'"> [not a link](javascript:window.__pwned='link')
"""
checks = {"passed": 0, "failed": 0}


def check(condition, what):
    checks["passed" if condition else "failed"] += 1
    print(("ok   " if condition else "FAIL ") + what, flush=True)


def sift(binary, *args, ok=(0,), cwd=None):
    result = subprocess.run([binary, *args], capture_output=True, text=True, cwd=cwd)
    if result.returncode not in ok:
        sys.exit(f"sift {' '.join(args)}: exit {result.returncode}\n{result.stderr}")
    return result.stdout


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def sign_in(driver, base, name, password):
    driver.get(base + "/login")
    driver.find_element(By.ID, "login-name").send_keys(name)
    driver.find_element(By.ID, "login-password").send_keys(password + Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: d.current_url.rstrip("/") == base)


def fetch_status(driver, url):
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status));", url)


def fetch_json(driver, url):
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.json()).then(done);", url)


def press(driver, *keys):
    body = driver.find_element(By.TAG_NAME, "body")
    for key in keys:
        body.send_keys(key)


def current_key(driver):
    return driver.find_element(By.ID, "item").get_attribute("data-key")


def wait_for_item_change(driver, previous):
    WebDriverWait(driver, 20).until(lambda d: current_key(d) != previous or d.find_element(By.ID, "done").is_displayed())


def label_for(name, key):
    """A deterministic answer per annotator and item, with some disagreement (1-based key)."""
    n = int(key[1:])
    base = n % 3
    if name == "bob" and n % 4 == 0:
        base = (base + 1) % 3
    if name == "carol" and n % 5 == 0:
        base = (base + 2) % 3
    return str(base + 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sift", default=".build/debug/sift")
    args = parser.parse_args()
    binary = os.path.abspath(args.sift)
    work = tempfile.mkdtemp(prefix="sift-studio-browser-")
    db = os.path.join(work, "studio.sqlite")
    sift(binary, "studio", "init", "--db", db)
    passwords = {}
    for name, role in [("admin", "admin"), ("alice", "annotator"), ("bob", "annotator"), ("carol", "annotator")]:
        passwords[name] = json.loads(sift(binary, "studio", "user", "add", "--db", db, "--name", name, "--role", role, "--json"))["password"]
    items = os.path.join(work, "messages.jsonl")
    texts = ["Thanks, the refund arrived quickly!", "My order is late again and nobody answers.", "What time do you open on Sunday?",
             "Great support, solved in minutes.", "The app crashes every time I log in.", "Is the blue model in stock?",
             "I love the new design.", "Still waiting for a reply after two weeks.", "Which plan includes backups?",
             "Fantastic service, thank you.", "Charged twice for one order.", "Do you ship to Norway?"]
    with open(items, "w") as out:
        for i, text in enumerate(texts):
            text = text + ("\n\n" + PAYLOADS[i % 3] if i < 6 else "")
            out.write(json.dumps({"id": f"m{i + 1}", "text": text}) + "\n")
        out.write('{"id": "broken", "text": \n')  # a malformed line: reported, the rest imported
    guidelines = os.path.join(work, "guidelines.md")
    with open(guidelines, "w") as out:
        out.write(GUIDELINES)

    server = subprocess.Popen([binary, "studio", "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if "http://" not in line:
        sys.exit("server did not start: " + line + server.stderr.read())
    base = "http://127.0.0.1:" + line.strip().rsplit(":", 1)[1]
    drivers = []
    try:
        started = time.time()
        admin = browser()
        drivers.append(admin)
        print(f"chromium started in {time.time() - started:.1f} s", flush=True)
        sign_in(admin, base, "admin", passwords["admin"])
        admin.get(base + "/admin")
        admin.find_element(By.ID, "project-name").send_keys("support sentiment")
        admin.find_element(By.ID, "project-data").send_keys(items)
        admin.find_element(By.ID, "project-labels").send_keys("positive,negative,neutral")
        admin.execute_script("document.getElementById('project-guidelines').value = arguments[0];", GUIDELINES)
        pilot = admin.find_element(By.ID, "project-pilot")
        pilot.clear()
        pilot.send_keys("12")
        admin.find_element(By.ID, "project-pilot-annotators").send_keys("alice,bob,carol")
        admin.find_element(By.CSS_SELECTOR, "#project-form button[type=submit]").click()
        link = WebDriverWait(admin, 30).until(lambda d: d.find_elements(By.ID, "new-project-link"))[0]
        result = admin.find_element(By.ID, "project-result").text
        check("12 items" in result and "1 records not imported" in result, f"admin created the project from an upload ({result.strip()})")
        project = link.get_attribute("href").rsplit("/", 1)[1]
        admin.get(base + f"/projects/{project}")
        check("messages.jsonl:13" in admin.page_source, "the malformed line is reported with file and line on the project page")

        annotators = {}
        for name in ["alice", "bob", "carol"]:
            driver = browser()
            drivers.append(driver)
            sign_in(driver, base, name, passwords[name])
            annotators[name] = driver
        alice = annotators["alice"]
        check(fetch_status(alice, f"/api/projects/{project}/labels?annotator=bob") == 403, "an annotator gets 403 on another annotator's labels")
        check(fetch_status(alice, f"/api/projects/{project}/agreement") == 403, "an annotator gets 403 on agreement during the blind pilot")
        alice.get(base + f"/projects/{project}/agreement")
        check("blind pilot" in alice.page_source, "the agreement page is refused to annotators during the pilot")

        orders = {}
        for name, driver in annotators.items():
            driver.get(base + f"/projects/{project}/annotate")
            WebDriverWait(driver, 20).until(lambda d: current_key(d))
            seen = []
            while not driver.find_element(By.ID, "done").is_displayed():
                key = current_key(driver)
                text = driver.find_element(By.ID, "item-body").text
                if any(p in text for p in PAYLOADS):
                    check(any(p in text for p in PAYLOADS), f"{name}: item {key}'s markup payload is shown as text")
                seen.append(key)
                press(driver, label_for(name, key), Keys.ENTER)
                wait_for_item_change(driver, key)
                if name == "alice" and len(seen) == 3:
                    # Undo the last label (u), see the item again, and label it again.
                    press(driver, "u")
                    WebDriverWait(driver, 20).until(lambda d: current_key(d) == seen[-1] and "Took back" in d.find_element(By.ID, "status").text)
                    check(True, "alice: u took back her last label and showed the item again")
                    press(driver, label_for(name, seen[-1]), Keys.ENTER)
                    wait_for_item_change(driver, seen[-1])
                    # The left arrow goes back to her previous item, with her label selected.
                    before = current_key(driver)
                    press(driver, Keys.ARROW_LEFT)
                    WebDriverWait(driver, 20).until(lambda d: current_key(d) == seen[-1])
                    selected = driver.find_elements(By.CSS_SELECTOR, ".choice.selected")
                    check(len(selected) == 1 and selected[0].get_attribute("data-index") == str(int(label_for(name, seen[-1])) - 1),
                          "alice: the left arrow shows her previous item with her label")
                    press(driver, Keys.ARROW_RIGHT)
                    WebDriverWait(driver, 20).until(lambda d: current_key(d) == before)
            orders[name] = seen
            check(driver.execute_script("return window.__pwned === undefined"), f"{name}: no payload ran")
        check(all(sorted(o) == sorted(orders["alice"]) and len(o) == 12 for o in orders.values()),
              "each annotator labelled all 12 pilot items")
        check(len({tuple(o) for o in orders.values()}) > 1, "the annotators saw the pilot in different orders")

        # sift agree on the export, against the agreement page and the agreement API.
        export = os.path.join(work, "labels.jsonl")
        sift(binary, "studio", "export", "--db", db, "--project", project, "--out", export)
        sift(binary, "agree", "labels.jsonl", "--time-field", "time", "--json", "agree.json", ok=(0, 1), cwd=work)
        agree = json.load(open(os.path.join(work, "agree.json")))
        kappa = agree["cohen_kappa"]["mean"]
        admin.get(base + f"/projects/{project}/agreement")
        shown = admin.find_element(By.ID, "headline-kappa")
        check(shown.text == f"{kappa:.3f}" and abs(float(shown.get_attribute("data-value")) - kappa) < 1e-12,
              f"the agreement page shows sift agree's kappa ({shown.text} vs {kappa:.6f})")
        document = fetch_json(admin, f"/api/projects/{project}/agreement")
        studio = document.pop("studio")
        check(document == agree, "the agreement API returns sift agree's --json document (plus `studio`)")
        check(studio["pilot_gate"]["items"] == 12, f"the pilot gate is reported ({studio['pilot_gate']['verdict']})")
        check(admin.execute_script("return window.__pwned === undefined"), "admin: no payload ran on the agreement page")
        admin.get(base + f"/projects/{project}/guidelines")
        check("&lt;img" in admin.page_source or "<img src=x" not in admin.page_source, "guideline markup is shown as text")
        check(not admin.find_elements(By.CSS_SELECTOR, ".markdown img") and not admin.find_elements(By.CSS_SELECTOR, ".markdown a[href^='javascript']"),
              "the guidelines contain no image and no javascript: link")
        check(admin.execute_script("return window.__pwned === undefined"), "admin: no payload ran on the guidelines page")
    finally:
        for driver in drivers:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    sys.exit(1 if checks["failed"] else 0)


if __name__ == "__main__":
    main()
