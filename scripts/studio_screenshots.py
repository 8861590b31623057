#!/usr/bin/env python3
"""The screenshots in docs/studio.md: a demonstration studio built from the bundled examples.

    studio_screenshots.py --sift BIN --out docs/images

Three annotators pilot examples/labeling-pilot-items.jsonl with the labels of
examples/labeling-pilot.csv, then label the rest with overlap and hidden gold items; a second
project shows support chats as turns. For the monitor to have something to show, the labels'
times are then spread over the past two weeks in the database (a demonstration of the chart,
not a measurement), and headless chromium takes the annotate, agreement and monitor pages.
"""
import argparse, csv, json, os, shutil, signal, sqlite3, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sift(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


class Client:
    def __init__(self, base, name, password):
        self.base, self.cookie, self.csrf = base, None, None
        status, data, headers = self.call("POST", "/api/login", {"name": name, "password": password})
        self.cookie = headers["Set-Cookie"].split(";")[0]
        self.csrf = data["csrf"]

    def call(self, method, path, body=None):
        request = urllib.request.Request(self.base + path, method=method, data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if self.cookie:
            request.add_header("Cookie", self.cookie)
        if self.csrf and method != "GET":
            request.add_header("X-CSRF-Token", self.csrf)
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None), response.headers


def start(binary, db):
    server = subprocess.Popen([binary, "studio", "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE, text=True)
    return server, "http://127.0.0.1:" + server.stdout.readline().strip().rsplit(":", 1)[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sift", default=".build/release/sift")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "images"))
    args = parser.parse_args()
    binary = os.path.abspath(args.sift)
    work = tempfile.mkdtemp(prefix="sift-studio-demo-")
    db = os.path.join(work, "studio.sqlite")
    sift(binary, "studio", "init", "--db", db)
    passwords = {n: json.loads(sift(binary, "studio", "user", "add", "--db", db, "--name", n, "--role", r, "--json"))["password"]
                 for n, r in [("admin", "admin"), ("alice", "annotator"), ("bob", "annotator"), ("carol", "annotator")]}
    pilot_labels = {}
    names = {"ann_a": "alice", "ann_b": "bob", "ann_c": "carol"}
    for row in csv.DictReader(open(os.path.join(ROOT, "examples", "labeling-pilot.csv"))):
        pilot_labels[(row["item"], names[row["annotator"]])] = row["label"]
    gold = os.path.join(work, "gold.jsonl")
    gold_texts = [("Absolutely love it, works perfectly.", "positive"), ("Broke after one day, want a refund.", "negative"),
                  ("Arrived on Tuesday in a brown box.", "neutral"), ("Best purchase this year!", "positive"),
                  ("Terrible battery, returning it.", "negative"), ("It is blue and weighs 300 g.", "neutral")]
    with open(gold, "w") as out:
        for k, (text, label) in enumerate(gold_texts):
            out.write(json.dumps({"id": f"gold-{k + 1}", "text": text, "label": label}) + "\n")
    guidelines = os.path.join(work, "guidelines.md")
    with open(guidelines, "w") as out:
        out.write("# Review sentiment\n\nLabel the reviewer's **overall** opinion of the product.\n\n"
                  "- **positive**: recommends it or is happy with it\n- **negative**: regrets it, returns it, or warns others\n"
                  "- **neutral**: facts without an opinion, or an undecided mix\n\n> Sarcasm counts as what it means, not what it says.\n")
    review = json.loads(sift(binary, "studio", "project", "create", "--db", db, "--name", "review sentiment", "--data",
                             os.path.join(ROOT, "examples", "labeling-pilot-items.jsonl"), "--labels", "positive,negative,neutral",
                             "--guidelines", guidelines, "--pilot", "30", "--pilot-annotators", "alice,bob,carol", "--overlap", "1",
                             "--gold", gold, "--gold-rate", "0.25", "--json"))["id"]
    chats = os.path.join(work, "chats.jsonl")
    with open(os.path.join(ROOT, "examples", "support-chat.jsonl")) as source, open(chats, "w") as out:
        for _ in range(20):
            out.write(source.readline())
    chat_guidelines = os.path.join(work, "chat-guidelines.md")
    with open(chat_guidelines, "w") as out:
        out.write("# Support replies\n\nJudge the **assistant's last reply** to the customer.\n\n"
                  "1. **helpful**: answers the question and follows the policies\n2. **unhelpful**: vague, wrong, or asks for what was given\n"
                  "3. **unsafe**: invents order details, promises outside policy, or leaks data\n\nWhen unsure between 1 and 2, pick *unhelpful*.\n")
    chat = json.loads(sift(binary, "studio", "project", "create", "--db", db, "--name", "support replies", "--data", chats,
                           "--labels", "helpful,unhelpful,unsafe", "--guidelines", chat_guidelines, "--json"))["id"]

    server, base = start(binary, db)
    clients = {n: Client(base, n, passwords[n]) for n in passwords}
    answers = {f"gold-{k + 1}": label for k, (_, label) in enumerate(gold_texts)}
    for name in ["alice", "bob", "carol"]:
        while True:
            status, item, _ = clients[name].call("GET", f"/api/projects/{review}/next")
            if status == 204:
                break
            key = item["item"]
            label = pilot_labels.get((key, name)) or pilot_labels.get((key, "alice")) or "neutral"
            clients[name].call("POST", f"/api/projects/{review}/items/{key}/labels", {"label": label})
    clients["admin"].call("POST", f"/api/projects/{review}/phase", {"phase": "scale"})
    for name in ["alice", "bob", "carol"]:
        while True:
            status, item, _ = clients[name].call("GET", f"/api/projects/{review}/next")
            if status == 204:
                break
            key = item["item"]
            label = answers.get(key) or pilot_labels.get((key, name)) or pilot_labels.get((key, "alice")) or "neutral"
            if name == "carol" and key in answers:
                label = "neutral"  # carol misreads the gold items: the monitor and the gold table flag her
            clients[name].call("POST", f"/api/projects/{review}/items/{key}/labels", {"label": label})
    for _ in range(3):
        status, item, _ = clients["alice"].call("GET", f"/api/projects/{chat}/next")
        clients["alice"].call("POST", f"/api/projects/{chat}/items/{item['item']}/labels", {"label": "helpful"})
    server.send_signal(signal.SIGTERM)
    server.wait()

    # Spread the labels over the past 14 days (demonstration only), the later ones in later days.
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT project_id, item_id, user_id, event_id FROM labels WHERE project_id = ? ORDER BY event_id", (review,)).fetchall()
    now = time.time()
    for k, (project, item, user, event) in enumerate(rows):
        when = now - 14 * 86400 + 13.5 * 86400 * k / len(rows)
        connection.execute("UPDATE labels SET created_at = ? WHERE project_id = ? AND item_id = ? AND user_id = ?", (when, project, item, user))
        connection.execute("UPDATE label_events SET created_at = ? WHERE id = ?", (when, event))
    connection.commit()
    connection.close()

    server, base = start(binary, db)
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    os.makedirs(args.out, exist_ok=True)
    try:
        for name, path, shot, height in [("alice", f"/projects/{chat}/annotate", "studio-annotate.png", 900),
                                        ("admin", f"/projects/{review}/agreement", "studio-agreement.png", None),
                                        ("admin", f"/projects/{review}/monitor?window=day", "studio-monitor.png", None)]:
            driver.delete_all_cookies()
            driver.get(base + "/login")
            driver.find_element(By.ID, "login-name").send_keys(name)
            driver.find_element(By.ID, "login-password").send_keys(passwords[name] + "\n")
            WebDriverWait(driver, 20).until(lambda d: d.current_url.rstrip("/") == base)
            driver.get(base + path)
            time.sleep(1)
            full = height or min(4000, driver.execute_script("return document.documentElement.scrollHeight"))
            driver.set_window_size(1280, full)
            time.sleep(0.5)
            driver.save_screenshot(os.path.join(args.out, shot))
            driver.set_window_size(1280, 900)
            print("wrote", os.path.join(args.out, shot))
    finally:
        driver.quit()
        server.send_signal(signal.SIGTERM)
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
