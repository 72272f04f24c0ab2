using System.Globalization;

namespace Ledger.Benchmarks.Redemption;

/// <summary>
/// The HTTP floor beside the sale: the same clerks asking only who they are (<c>GET /api/me</c>), in a turn of their
/// own each round. It splits the API's time per sale into what any authenticated request costs on this machine and
/// what the sale adds, and shows how much of the throughput target is left for the sale's own work.
/// </summary>
public static class HttpFloor
{
    public const string Header =
        "| clerks | floor requests/s | floor p50 / p99 ms | ms per request: floor | ms per sale: API beyond the floor | ms per sale the target leaves beyond the floor | ms per sale: raw loop |\n" +
        "|--:|--:|--:|--:|--:|--:|--:|";

    public const string Explanation =
        "HTTP floor: the same clerks, keys, connections and client asking `GET /api/me` (authentication, routing, a small JSON " +
        "answer, no storage) in a turn of their own after the API's in every round. Ms per request is 1,000 ÷ requests per " +
        "second: the whole machine's time per request at that load, waits included. The API's sale beyond the floor is its " +
        "time per sale less the floor's; the target leaves 1,000 ÷ (target × raw/s) less the floor's for everything a sale " +
        "does beyond an authenticated request: its body, idempotency, decision, append and answer. The last column is the " +
        "raw loop's time for a whole sale, which pays no HTTP.";

    public static string Row(int clerks, LatencySamples floor, LatencySamples api, LatencySamples raw, double target)
    {
        var floorMs = PerRequestMs(floor.PerSecond);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {clerks} | {floor.PerSecond:N0} | {floor.P50:F2} / {floor.P99:F2} | {floorMs:F3} | {PerRequestMs(api.PerSecond) - floorMs:F3} | " +
            $"{PerRequestMs(target * raw.PerSecond) - floorMs:F3} | {PerRequestMs(raw.PerSecond):F3} |{(floor.Failures > 0 ? $" ({floor.Failures} failed)" : "")}");
    }

    private static double PerRequestMs(double perSecond) => perSecond > 0 ? 1_000 / perSecond : double.NaN;
}
