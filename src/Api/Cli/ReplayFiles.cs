using System.Text;
using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Cli;

/// <summary>
/// Writes a <see cref="ReplaySnapshot"/> out: <c>balances</c>, <c>leaderboards</c> and <c>stock</c>, each as
/// <c>.json</c> (with the cut it was taken at) and <c>.csv</c> (UTF-8 with a byte-order mark, so spreadsheets read Chinese).
/// </summary>
public static class ReplayFiles
{
    /// <summary>How much was written.</summary>
    public sealed record Written(int Households, int Boards, int Items);

    /// <summary>Where the snapshot was cut: what was asked, and the last event it counts.</summary>
    public sealed record Cut(DateTimeOffset? AsOf, long? AtPosition, long Position, string Hash);

    /// <summary>Writes the six files into <paramref name="folder"/>.</summary>
    public static async Task<Written> WriteAsync(
        string folder, ReplaySnapshot snapshot, DateTimeOffset? asOf, long? atPosition, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var cut = new Cut(asOf, atPosition, snapshot.Last?.Position ?? 0, snapshot.Last?.Hash ?? EventHasher.GenesisHash);
        var balances = snapshot.Balances().ToList();
        var boards = snapshot.Leaderboards().ToList();
        var stock = snapshot.Stock().ToList();

        await JsonAsync(folder, "balances", new { cut, households = balances }, cancellationToken);
        await CsvAsync(folder, "balances",
            ["passbook", "communityId", "headName", "balance", "earned", "deducted", "corrected", "redeemed", "refunded", "version"],
            balances.Select(b => new object?[] { b.Passbook, b.CommunityId, b.HeadName, b.Balance, b.Earned, b.Deducted, b.Corrected, b.Redeemed, b.Refunded, b.Version }),
            cancellationToken);
        await JsonAsync(folder, "leaderboards", new { cut, leaderboards = boards }, cancellationToken);
        await CsvAsync(folder, "leaderboards", ["communityId", "period", "rank", "passbook", "headName", "points"],
            boards.SelectMany(b => b.Entries.Select(e => new object?[] { b.CommunityId, b.Period, e.Rank, e.Passbook, e.HeadName, e.Points })),
            cancellationToken);
        await JsonAsync(folder, "stock", new { cut, items = stock }, cancellationToken);
        await CsvAsync(folder, "stock",
            ["communityId", "sku", "name", "kind", "received", "redeemed", "returned", "stock", "capacity", "withdrawn"],
            stock.Select(i => new object?[]
            {
                i.CommunityId, i.Sku, i.Name, i.Kind.ToString().ToLowerInvariant(), i.Received, i.Redeemed, i.Returned, i.Stock,
                i.Capacity, i.Withdrawn,
            }),
            cancellationToken);
        return new Written(balances.Count, boards.Count, stock.Count);
    }

    private static async Task JsonAsync(string folder, string name, object value, CancellationToken cancellationToken)
    {
        await using var file = File.Create(Path.Combine(folder, name + ".json"));
        await JsonSerializer.SerializeAsync(file, value, new JsonSerializerOptions(LedgerJson.Options) { WriteIndented = true }, cancellationToken);
    }

    private static Task CsvAsync(
        string folder, string name, string[] header, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var csv = new LedgerCsv();
        foreach (var column in header)
        {
            csv.Value(column);
        }

        csv.EndRow();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                // Strings are names and notes typed by people; everything else is a figure, a date or a flag.
                _ = field is string text ? csv.Text(text) : csv.Value(field);
            }

            csv.EndRow();
        }

        return File.WriteAllTextAsync(Path.Combine(folder, name + ".csv"), csv.ToString(), new UTF8Encoding(true), cancellationToken);
    }
}
