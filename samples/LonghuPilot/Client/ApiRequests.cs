namespace LonghuPilot.Client;

// The bodies the sample sends, field for field as the API reads them.

/// <summary><c>POST /api/keys</c>.</summary>
public sealed record IssueKeyBody(string Role, string? CommunityId, string Label, string? PartnerId = null);

/// <summary><c>POST /api/communities</c>.</summary>
public sealed record RegisterCommunityBody(string Id, string Name, string District, string Street, string TimeZone);

/// <summary><c>POST /api/communities/{cid}/rules</c>.</summary>
public sealed record RuleBody(string Id, string Name, string Category, long Points, long? MonthlyCap);

/// <summary><c>POST /api/communities/{cid}/households</c>.</summary>
public sealed record HouseholdBody(string Passbook, string HeadName, IReadOnlyList<string> Members, string Address);

/// <summary><c>POST /api/communities/{cid}/activities</c>.</summary>
public sealed record ActivityBody(string Id, string Title, OrganizerBody Organizer, DateOnly Date, long Points, string? SponsorshipId = null);

/// <summary>An activity's organiser.</summary>
public sealed record OrganizerBody(string Kind, string Name);

/// <summary><c>POST /api/communities/{cid}/activities/{aid}/participants</c>.</summary>
public sealed record ParticipantsBody(IReadOnlyList<ParticipantBody> Participants);

/// <summary>A participant.</summary>
public sealed record ParticipantBody(string Passbook, string Member);

/// <summary><c>POST /api/communities/{cid}/awards</c>.</summary>
public sealed record AwardBody(string Passbook, string RuleId, string Member, string? Note, DateOnly? OccurredOn);

/// <summary><c>POST /api/households/{passbook}/corrections</c>.</summary>
public sealed record CorrectionBody(Guid EventId, string Reason);

/// <summary><c>POST /api/communities/{cid}/catalog</c>.</summary>
public sealed record CatalogBody(
    string Sku, string Name, string Kind, long Points, long? Stock, long? Capacity, string? ProviderId = null, long? SettlementFen = null);

/// <summary><c>POST /api/communities/{cid}/catalog/{sku}/stock</c>.</summary>
public sealed record StockBody(long Quantity, string Note);

/// <summary><c>POST /api/communities/{cid}/redemptions</c>.</summary>
public sealed record RedeemBody(string Passbook, string Member, IReadOnlyList<RedeemLineBody> Lines);

/// <summary>A basket line.</summary>
public sealed record RedeemLineBody(string Sku, int Quantity);

/// <summary>A body carrying a reason (cancelling a redemption).</summary>
public sealed record ReasonBody(string Reason);

/// <summary><c>POST /api/communities/{cid}/honor-rolls</c>.</summary>
public sealed record HonorRollBody(string Period, int Top);

/// <summary><c>POST /api/communities/{cid}/partners</c>.</summary>
public sealed record PartnerBody(string Id, string Name, string Kind);

/// <summary><c>POST /api/communities/{cid}/sponsorships</c>: goods (sku, quantity) or a points budget.</summary>
public sealed record SponsorshipBody(string Id, string PartnerId, string Kind, string? Sku = null, long? Quantity = null, long? Points = null, string? Note = null);
