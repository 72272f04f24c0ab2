using System.Data;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Sponsorships;

/// <summary>
/// <c>sponsorship_list</c>: every sponsorship of every community with what it gave and, for a points budget, what its
/// activities drew, so the committee console lists a community's sponsorships (the store cannot list streams). Inline,
/// like the activity list, so a console sees its own recording at once. The budget rule never reads it: a draw decides on
/// the sponsorship's own stream.
/// </summary>
public sealed class SponsorshipListProjection : IProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "sponsorship_list";

    /// <inheritdoc />
    public string Name => "sponsorship_list";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("sponsorship_id"), ReadModelColumn.Text("partner_id"),
                ReadModelColumn.Text("sponsor_name"), ReadModelColumn.Text("kind"), ReadModelColumn.Text("sku", nullable: true),
                ReadModelColumn.BigInt("given"), ReadModelColumn.BigInt("used"),
            ],
            ["community_id", "sponsorship_id"]),
    ];

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var table = transaction.Table(Table);
        foreach (var e in events)
        {
            if (EventNames.Is<SponsorshipRecorded>(e.Type))
            {
                var r = Read<SponsorshipRecorded>(e);
                await transaction.WriteAsync(
                    $"""
                    INSERT INTO {table} (community_id, sponsorship_id, partner_id, sponsor_name, kind, sku, given, used)
                    VALUES (@community, @id, @partner, @name, @kind, @sku, @given, 0) ON CONFLICT (community_id, sponsorship_id) DO NOTHING
                    """,
                    [
                        Text("@community", r.CommunityId), Text("@id", r.SponsorshipId), Text("@partner", r.PartnerId),
                        Text("@name", r.SponsorName), Text("@kind", r.Kind == SponsorshipKind.Goods ? "goods" : "points"),
                        new("@sku", r.Sku is null ? DBNull.Value : r.Sku, DbType.String),
                        new("@given", (r.Kind == SponsorshipKind.Goods ? r.Quantity : r.Points) ?? 0, DbType.Int64),
                    ],
                    cancellationToken);
            }
            else if (EventNames.Is<SponsorshipPointsDrawn>(e.Type))
            {
                var d = Read<SponsorshipPointsDrawn>(e);
                await transaction.WriteAsync(
                    $"UPDATE {table} SET used = used + @drawn WHERE community_id = @community AND sponsorship_id = @id",
                    [new("@drawn", d.Points, DbType.Int64), Text("@community", d.CommunityId), Text("@id", d.SponsorshipId)],
                    cancellationToken);
            }
        }
    }

    private static ReadModelParameter Text(string name, string value) => new(name, value, DbType.String);
}
