using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using static Ledger.EventStore.DecidedEvents;

namespace Ledger.Keys;

/// <summary>
/// The keys' read model: one row per issued key with its role, community, label, when it was issued and (once revoked)
/// when and why. Inline, so a key is listed (and revocable by its id) as soon as its issue is answered. It keeps the
/// key's hash only to find the key's stream again; no answer ever carries it.
/// </summary>
public sealed class KeyListProjection : IProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "api_key_list";

    private static readonly Upsert Issued = new(Table, ["key_hash"],
        Set: ["key_id", "role", "community_id", "label", "issued_at", "issued_by", "issued_position"]);

    private static readonly Upsert Revoked = new(Table, ["key_hash"], Set: ["revoked_at", "revoked_by", "revoked_reason"]);

    /// <summary>
    /// The partner of each partner key. A table of its own rather than a column: the keys' table of a ledger recorded
    /// before partners has no such column, and no key issued then names a partner.
    /// </summary>
    public const string PartnersTable = "api_key_partners";

    private static readonly Upsert PartnerOf = new(PartnersTable, ["key_hash"], Set: ["partner_id"]);

    /// <inheritdoc />
    public string Name => "api_key_list";

    /// <inheritdoc />
    // Every column but the key may be null: a revocation's upsert names only its own columns.
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("key_hash"), ReadModelColumn.Text("key_id", nullable: true), ReadModelColumn.Text("role", nullable: true),
                ReadModelColumn.Text("community_id", nullable: true), ReadModelColumn.Text("label", nullable: true),
                ReadModelColumn.Text("issued_at", nullable: true), ReadModelColumn.Text("issued_by", nullable: true),
                ReadModelColumn.BigInt("issued_position", nullable: true), ReadModelColumn.Text("revoked_at", nullable: true),
                ReadModelColumn.Text("revoked_by", nullable: true), ReadModelColumn.Text("revoked_reason", nullable: true),
            ],
            ["key_hash"],
            Indexes: [["key_id"]]),
        new(PartnersTable, [ReadModelColumn.Text("key_hash"), ReadModelColumn.Text("partner_id")], ["key_hash"]),
    ];

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        // Issues first, then revocations: a key is revoked only after it was issued, and one statement never names a
        // key twice (each key is issued once and revoked at most once).
        var issued = new List<object?[]>();
        var revoked = new List<object?[]>();
        var partners = new List<object?[]>();
        foreach (var e in events)
        {
            if (EventNames.Is<ApiKeyIssued>(e.Type))
            {
                var i = Read<ApiKeyIssued>(e);
                issued.Add([i.KeyHash, ApiKeys.KeyIdOf(i.KeyHash), i.Role.ToString().ToLowerInvariant(), i.CommunityId, i.Label,
                    Timestamp(e.RecordedAt), e.Metadata.Principal, e.Position]);
                if (i.PartnerId is not null)
                {
                    partners.Add([i.KeyHash, i.PartnerId]);
                }
            }
            else if (e.Type == EventNames.Of<ApiKeyRevoked>())
            {
                var r = Read<ApiKeyRevoked>(e);
                revoked.Add([r.KeyHash, Timestamp(e.RecordedAt), e.Metadata.Principal, r.Reason]);
            }
        }

        if (issued.Count > 0)
        {
            await transaction.UpsertAsync(Issued, issued, cancellationToken);
        }

        if (revoked.Count > 0)
        {
            await transaction.UpsertAsync(Revoked, revoked, cancellationToken);
        }

        if (partners.Count > 0)
        {
            await transaction.UpsertAsync(PartnerOf, partners, cancellationToken);
        }
    }

    /// <summary>The text form of a recorded time in the table: ISO 8601 in UTC, to the microsecond.</summary>
    internal static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
