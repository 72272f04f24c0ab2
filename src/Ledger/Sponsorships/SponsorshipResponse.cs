namespace Ledger.Sponsorships;

/// <summary>A sponsorship as the API shows it: what was given, what was used and what is left, and where it went.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Id">The sponsorship's id.</param>
/// <param name="PartnerId">The partner who gave it.</param>
/// <param name="SponsorName">The partner's name.</param>
/// <param name="Kind"><c>goods</c> or <c>points</c>.</param>
/// <param name="Sku">Goods: the item received.</param>
/// <param name="Given">Points: the budget; goods: the units received.</param>
/// <param name="Used">Points: drawn by activities so far; goods: null (units sold are not told apart by donor).</param>
/// <param name="Remaining">Points: what activities may still draw; goods: null.</param>
/// <param name="Note">The committee's remark.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Draws">Points: each activity that drew on it, oldest first.</param>
/// <param name="Version">The sponsorship stream's version.</param>
public sealed record SponsorshipResponse(
    string CommunityId, string Id, string PartnerId, string SponsorName, SponsorshipKind Kind, string? Sku,
    long Given, long? Used, long? Remaining, string? Note, DateTimeOffset RecordedAt, IReadOnlyList<SponsorshipDraw> Draws, long Version)
{
    /// <summary>Builds the response from a folded sponsorship.</summary>
    public static SponsorshipResponse From(SponsorshipState s) =>
        s.Kind == SponsorshipKind.Goods
            ? new(s.CommunityId, s.SponsorshipId, s.PartnerId, s.SponsorName, s.Kind, s.Sku, s.Quantity ?? 0, null, null, s.Note, s.RecordedAt, [], s.Version)
            : new(s.CommunityId, s.SponsorshipId, s.PartnerId, s.SponsorName, s.Kind, null, s.Given, s.Used, s.Remaining, s.Note, s.RecordedAt,
                s.Draws.Select(d => new SponsorshipDraw(d.ActivityId, d.Points, d.Participants.Count)).ToList(), s.Version);
}

/// <summary>One activity's draw on a points budget.</summary>
/// <param name="ActivityId">The activity.</param>
/// <param name="Points">Points drawn.</param>
/// <param name="Participants">How many participations they funded.</param>
public sealed record SponsorshipDraw(string ActivityId, long Points, int Participants);
