using System.Data;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Projections;

/// <summary>
/// <c>household_search</c>: one row per household with its head, members and a lower-cased search text, so the
/// committee console finds a household by passbook, head's name or any member's name without folding every stream
/// (the store cannot list streams). Inline: a household opened a moment ago is found at once. A household's names
/// are fixed when it is opened, so the row is written once and never changed.
/// </summary>
public sealed class HouseholdSearchProjection : IProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "household_search";

    /// <summary>Separates members in the <c>members</c> and <c>search</c> columns; a name never holds a line break.</summary>
    internal const char Separator = '\n';

    /// <inheritdoc />
    public string Name => "household_search";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("passbook"), ReadModelColumn.Text("community_id"), ReadModelColumn.Text("head_name"),
                ReadModelColumn.Text("members"), ReadModelColumn.Text("address", nullable: true), ReadModelColumn.Text("search"),
            ],
            ["passbook"],
            [["community_id", "passbook"]]),
    ];

    /// <summary>What a search compares with: passbook and every member's name, lower-cased (invariant).</summary>
    internal static string SearchText(string passbook, IEnumerable<string> members) =>
        string.Join(Separator, [passbook, .. members]).ToLowerInvariant();

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var sql = $"""
            INSERT INTO {transaction.Table(Table)} (passbook, community_id, head_name, members, address, search)
            VALUES (@passbook, @community, @head, @members, @address, @search)
            ON CONFLICT (passbook) DO NOTHING
            """;
        foreach (var e in events.Where(e => e.Type == EventNames.Of<HouseholdOpened>()))
        {
            var opened = Read<HouseholdOpened>(e);
            await transaction.WriteAsync(
                sql,
                [
                    new("@passbook", opened.Passbook, DbType.String), new("@community", opened.CommunityId, DbType.String),
                    new("@head", opened.HeadName, DbType.String), new("@members", string.Join(Separator, opened.Members), DbType.String),
                    new("@address", opened.Address, DbType.String), new("@search", SearchText(opened.Passbook, opened.Members), DbType.String),
                ],
                cancellationToken);
        }
    }
}
