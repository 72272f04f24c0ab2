using System.Collections.Immutable;

namespace Ledger.Activities;

/// <summary>An activity folded from <c>activity-{cid}/{aid}</c>.</summary>
public sealed record ActivityState
{
    /// <summary>Before scheduling.</summary>
    public static ActivityState Initial { get; } = new();

    public bool Exists { get; init; }
    public string CommunityId { get; init; } = "";
    public string ActivityId { get; init; } = "";
    public string Title { get; init; } = "";
    public Organizer Organizer { get; init; } = new(OrganizerKind.Enterprise, "");
    public DateOnly Date { get; init; }
    public long Points { get; init; }

    /// <summary>The points budget that funds its participants; null when the community does.</summary>
    public string? SponsorshipId { get; init; }
    public long Version { get; init; }

    /// <summary>Every (household, member) awarded, in the order they were added.</summary>
    public ImmutableList<Participant> Participants { get; init; } = [];

    /// <summary>The same pairs, for the once-per-activity check.</summary>
    public ImmutableHashSet<Participant> Awarded { get; init; } = [];
}
