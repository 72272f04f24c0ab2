using System.Collections.Immutable;

namespace Ledger.Sponsorships;

/// <summary>A sponsorship folded from <c>sponsorship-{cid}/{id}</c>.</summary>
public sealed record SponsorshipState
{
    /// <summary>Before it is recorded.</summary>
    public static SponsorshipState Initial { get; } = new();

    public bool Exists { get; init; }
    public string CommunityId { get; init; } = "";
    public string SponsorshipId { get; init; } = "";
    public string PartnerId { get; init; } = "";
    public string SponsorName { get; init; } = "";
    public SponsorshipKind Kind { get; init; }
    public string? Sku { get; init; }
    public long? Quantity { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public long Version { get; init; }

    /// <summary>Points: the budget given (0 for goods).</summary>
    public long Given { get; init; }

    /// <summary>Points: drawn so far by activities.</summary>
    public long Used { get; init; }

    /// <summary>Points: what activities may still draw. Never below zero: the decider refuses a draw beyond it.</summary>
    public long Remaining => Given - Used;

    /// <summary>Every draw, oldest first: where the sponsor's points went.</summary>
    public ImmutableList<SponsorshipPointsDrawn> Draws { get; init; } = [];
}
