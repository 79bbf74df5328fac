#!/usr/bin/env python3
"""Writes a year of generated platform activity as CSV for PostgreSQL's COPY (one table per call).

    generate.py users|orders|enrollments --users N --orders N --courses-file FILE --teachers-file FILE [--seed 1]

Every call with the same arguments and seed writes the same rows, so the three tables agree (the orders' buyers and
courses are the enrollments'). Activity grows through the year (three times as much at its end as at its start), has
a weekly rhythm (weekends busier) and a yearly one (January and September peaks); 6 % of orders are refunded within
14 days; currencies USD 70 %, EUR 20 %, GBP 10 %; the platform fee is 20 %.
"""
import argparse
import csv
import itertools
import math
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

DAYS = 365


def day_weights():
    weights = []
    for d in range(DAYS):
        growth = 1 + 2 * d / DAYS
        weekly = 1.25 if d % 7 in (5, 6) else 1.0
        yearly = 1 + 0.3 * math.cos(2 * math.pi * d / DAYS) + 0.2 * math.cos(2 * math.pi * (d - 243) / DAYS * 2)
        weights.append(growth * weekly * max(0.2, yearly))
    return weights


def moments(count, rng, start):
    """`count` times over the year, drawn from the day weights, sorted."""
    weights = day_weights()
    days = rng.choices(range(DAYS), weights=weights, k=count)
    return sorted(start + timedelta(days=d, seconds=rng.randrange(86400)) for d in days)


def ts(at):
    return at.strftime("%Y-%m-%d %H:%M:%S+00")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table", choices=["users", "orders", "enrollments"])
    parser.add_argument("--users", type=int, default=20000)
    parser.add_argument("--orders", type=int, default=100000)
    parser.add_argument("--courses-file", required=True, help="one course id and its teacher id per line, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    now = datetime.now(timezone.utc).replace(microsecond=0)
    start = (now - timedelta(days=DAYS)).replace(hour=0, minute=0, second=0)
    rng = random.Random(args.seed)
    user_ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(args.users)]
    joined = moments(args.users, rng, start)
    out = csv.writer(sys.stdout, lineterminator="\n")

    if args.table == "users":
        for i, (uid, at) in enumerate(zip(user_ids, joined)):
            email = f"bench-{i}@bench.test"
            out.writerow([uid, email, email.upper(), email, email.upper(), "t", uid.hex, "f", "f", "t", 0, f"Bench learner {i}", "UTC", ts(at)])
        return

    courses = [line.strip().split(",") for line in open(args.courses_file) if line.strip()]
    # Popularity follows a long tail: a few courses sell a lot.
    popularity = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(courses))))
    order_rng = random.Random(args.seed + 1)
    taken = set()
    for n, at in enumerate(moments(args.orders, order_rng, start)):
        buyer = order_rng.randrange(args.users)
        # Nobody buys before they joined; a buyer who joined later buys on the day they joined.
        at = max(at, joined[buyer] + timedelta(minutes=5))
        if at >= now:
            continue
        course = order_rng.choices(range(len(courses)), cum_weights=popularity)[0]
        while (buyer, course) in taken:
            course = order_rng.randrange(len(courses))
        taken.add((buyer, course))
        course_id, teacher_id = courses[course]
        currency = order_rng.choices(["USD", "EUR", "GBP"], weights=[70, 20, 10])[0]
        amount = order_rng.choice([999, 1999, 2999, 4999, 7999, 12999])
        fee = amount // 5
        order_id = uuid.UUID(int=order_rng.getrandbits(128), version=4)
        refunded = order_rng.random() < 0.06
        refunded_at = min(at + timedelta(hours=order_rng.randrange(1, 14 * 24)), now - timedelta(minutes=1)) if refunded else None
        completed = not refunded and order_rng.random() < 0.3
        completed_at = at + timedelta(days=order_rng.randrange(1, 60)) if completed else None
        if completed_at is not None and completed_at >= now:
            completed_at = None
        if args.table == "orders":
            out.writerow([order_id, user_ids[buyer], course_id, teacher_id, amount, currency, fee, "Refunded" if refunded else "Paid", ts(at - timedelta(minutes=2)),
                          ts(at), ts(refunded_at) if refunded_at else "", amount if refunded else 0, ts(refunded_at) if refunded_at else ""])
        else:
            # Derived from the order id, not drawn: drawing here would shift the generator against the orders call.
            enrollment_id = uuid.uuid5(order_id, "enrollment")
            out.writerow([enrollment_id, user_ids[buyer], course_id, order_id, ts(at), ts(refunded_at) if refunded_at else "",
                          ts(completed_at) if completed_at else ""])


if __name__ == "__main__":
    main()
