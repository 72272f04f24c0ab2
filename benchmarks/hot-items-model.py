#!/usr/bin/env python3
"""The redemption benchmark's closed loop as a queueing model: what p50 and p99 a perfect server would give.

Clerks each sell one unit of a random hot item, and start the next sale when the last is answered. Sales of one
item take turns (its stream, and its row lock on PostgreSQL); everything else a sale does (HTTP, the household,
the decision) overlaps. So each item is a first-come-first-served queue with a service time S per sale, and a sale
spends some time outside it. The model has no stalls, no CPU contention and no unfair lock wake-ups: its tail is
the least any server can have with that throughput, because the tail comes from how the clerks' random choices
pile up on one item, not from the server.

  python3 benchmarks/hot-items-model.py                    # the table for 32 clerks, 4 items
  python3 benchmarks/hot-items-model.py --clerks 8 --target-ms 50

For each throughput it prints p50 and p99 with every sale of an item taking exactly S (the best case) and with S
drawn from an exponential distribution of the same mean, and the least throughput at which p99 meets --target-ms.
"""
import argparse
import heapq
import random


def simulate(clerks, items, service_ms, outside_ms, exponential, sales, seed):
    """Latencies (ms) of a closed loop: outside time, then the item's queue. Returns (per second, p50, p99)."""
    rng = random.Random(seed)
    draw = (lambda mean: rng.expovariate(1 / mean)) if exponential else (lambda mean: mean)
    free_at = [0.0] * items
    # (time the sale reaches its item's queue, clerk, time the sale started)
    arrivals = [(rng.expovariate(1 / outside_ms), c, 0.0) for c in range(clerks)]
    heapq.heapify(arrivals)
    latencies = []
    while len(latencies) < sales:
        arrive, clerk, started = heapq.heappop(arrivals)
        item = rng.randrange(items)
        done = max(arrive, free_at[item]) + draw(service_ms)
        free_at[item] = done
        latencies.append(done - started)
        heapq.heappush(arrivals, (done + rng.expovariate(1 / outside_ms), clerk, done))
    kept = sorted(latencies[sales // 10:])  # the first tenth warms the queues up
    mean = sum(kept) / len(kept)
    return clerks / mean * 1000, kept[len(kept) // 2], kept[int(len(kept) * 0.99) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=32)
    parser.add_argument("--items", type=int, default=4, help="hot items (the benchmark sells four)")
    parser.add_argument("--outside-ms", type=float, default=2.0, help="mean time a sale spends outside its item's turn")
    parser.add_argument("--target-ms", type=float, default=50.0, help="the p99 to find the least throughput for")
    parser.add_argument("--sales", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    print(f"{args.clerks} clerks, {args.items} hot items, {args.outside_ms} ms outside the item's turn on average")
    print()
    print("| item's service ms | sales/s (exact S) | p50 / p99 ms (exact S) | sales/s (exponential S) | p50 / p99 ms (exponential S) |")
    print("|--:|--:|--:|--:|--:|")
    least = {}
    for tenth in range(30, 4, -1):
        service = tenth / 10
        row = []
        for exponential in (False, True):
            per_second, p50, p99 = simulate(args.clerks, args.items, service, args.outside_ms, exponential, args.sales, args.seed)
            row.append(f"{per_second:,.0f} | {p50:.1f} / {p99:.1f}")
            if p99 <= args.target_ms and exponential not in least:
                least[exponential] = per_second
        print(f"| {service:.2f} | {' | '.join(row)} |")
    print()
    for exponential, name in ((False, "exact"), (True, "exponential")):
        found = f"{least[exponential]:,.0f} sales/s" if exponential in least else "not within the table"
        print(f"p99 <= {args.target_ms:g} ms needs at least {found} with {name} service times")


if __name__ == "__main__":
    main()
