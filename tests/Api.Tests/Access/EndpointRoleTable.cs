namespace Ledger.Api.Tests.Access;

/// <summary>Who may call an endpoint: each role's key, or nobody's key at all.</summary>
[Flags]
public enum Callers
{
    None = 0,
    Anonymous = 1,
    Admin = 2,
    Committee = 4,
    Clerk = 8,
    Auditor = 16,

    /// <summary>A partner's key (社区合伙人), of the community the endpoint is called on.</summary>
    Partner = 32,

    /// <summary>The readers of household data: committee, clerk and auditor (never the admin, never a partner).</summary>
    HouseholdReaders = Committee | Clerk | Auditor,

    /// <summary>Any key of the ledger.</summary>
    AnyKey = Admin | Committee | Clerk | Auditor | Partner,

    /// <summary>Anybody, key or not.</summary>
    Anyone = AnyKey | Anonymous,
}

/// <summary>
/// The roles of PRODUCT.md, one row per endpoint of the OpenAPI document (<c>METHOD /path</c>). A new endpoint needs
/// its row here: <see cref="EndpointRoleTests"/> fails for an endpoint without one, and walks each row with every
/// caller. Keys of community-scoped roles act for the community the endpoint is called on.
/// </summary>
public static class EndpointRoleTable
{
    public static readonly IReadOnlyDictionary<string, Callers> Rows = new Dictionary<string, Callers>
    {
        ["GET /health"] = Callers.Anyone,
        ["GET /api/me"] = Callers.AnyKey,

        // Administration
        ["POST /api/keys"] = Callers.Admin,
        ["GET /api/keys"] = Callers.Admin,
        ["POST /api/keys/{keyId}/revoke"] = Callers.Admin,
        ["POST /api/keys/qr-code"] = Callers.Admin,
        ["POST /api/communities"] = Callers.Admin,
        ["GET /api/communities"] = Callers.Admin | Callers.Auditor,
        ["GET /api/communities/{cid}"] = Callers.AnyKey,
        ["PUT /api/communities/{cid}/deduction-policy"] = Callers.Committee,
        ["POST /api/communities/{cid}/periods/{month}/close"] = Callers.Committee,
        ["GET /api/communities/{cid}/periods"] = Callers.AnyKey,
        ["PUT /api/communities/{cid}/expiry-policy"] = Callers.Committee,
        ["GET /api/communities/{cid}/expiry-policy"] = Callers.AnyKey,
        ["POST /api/communities/{cid}/expiry-runs"] = Callers.Committee,
        ["GET /api/communities/{cid}/expiring"] = Callers.Committee,
        ["POST /api/communities/{cid}/partners"] = Callers.Committee,
        ["GET /api/communities/{cid}/partners"] = Callers.AnyKey,
        ["GET /api/communities/{cid}/partners/{pid}/settlement"] = Callers.Committee | Callers.Auditor | Callers.Partner,
        ["POST /api/communities/{cid}/sponsorships"] = Callers.Committee,
        ["GET /api/communities/{cid}/sponsorships"] = Callers.Committee | Callers.Auditor | Callers.Partner,
        ["GET /api/communities/{cid}/sponsorships/{id}"] = Callers.Committee | Callers.Auditor | Callers.Partner,

        // Rules, star levels, households, awards, activities
        ["POST /api/communities/{cid}/rules"] = Callers.Committee,
        ["GET /api/communities/{cid}/rules"] = Callers.AnyKey,
        ["PUT /api/communities/{cid}/star-levels"] = Callers.Committee,
        ["GET /api/communities/{cid}/star-levels"] = Callers.AnyKey,
        ["POST /api/communities/{cid}/households"] = Callers.Committee,
        ["GET /api/households/{passbook}"] = Callers.HouseholdReaders,
        ["GET /api/households/{passbook}/statement"] = Callers.HouseholdReaders,
        ["POST /api/households/{passbook}/corrections"] = Callers.Committee,
        ["POST /api/communities/{cid}/awards"] = Callers.Committee,
        ["POST /api/communities/{cid}/activities"] = Callers.Committee,
        ["GET /api/communities/{cid}/activities/{aid}"] = Callers.HouseholdReaders,
        ["GET /api/communities/{cid}/activities"] = Callers.HouseholdReaders,
        ["GET /api/communities/{cid}/households"] = Callers.HouseholdReaders,
        ["GET /api/households/{passbook}/monthly-caps"] = Callers.HouseholdReaders,
        ["GET /api/households/{passbook}/qr.svg"] = Callers.HouseholdReaders,
        ["POST /api/communities/{cid}/activities/{aid}/participants"] = Callers.Committee,

        // The supermarket
        ["POST /api/communities/{cid}/catalog"] = Callers.Committee,
        ["GET /api/communities/{cid}/catalog"] = Callers.AnyKey,
        ["GET /api/communities/{cid}/catalog/{sku}"] = Callers.AnyKey,
        ["POST /api/communities/{cid}/catalog/{sku}/stock"] = Callers.Committee | Callers.Clerk,
        ["POST /api/communities/{cid}/catalog/{sku}/withdraw"] = Callers.Committee,
        ["POST /api/communities/{cid}/redemptions"] = Callers.Clerk,
        ["GET /api/households/{passbook}/redemptions"] = Callers.HouseholdReaders,
        ["GET /api/redemptions/{rid}"] = Callers.HouseholdReaders,
        ["POST /api/redemptions/{rid}/cancel"] = Callers.Clerk | Callers.Committee,
        ["GET /api/communities/{cid}/vouchers"] = Callers.HouseholdReaders | Callers.Partner,
        ["POST /api/vouchers/{vid}/fulfil"] = Callers.Clerk | Callers.Committee | Callers.Partner,
        ["GET /api/communities/{cid}/shift-close"] = Callers.HouseholdReaders,

        // Rankings, honour rolls, statistics (the JSON roll needs a key; its HTML poster is public)
        ["GET /api/communities/{cid}/leaderboard"] = Callers.AnyKey,
        ["POST /api/communities/{cid}/honor-rolls"] = Callers.Committee,
        ["GET /api/communities/{cid}/honor-rolls/{period}"] = Callers.AnyKey,
        ["GET /api/communities/{cid}/honor-rolls/{period}/verify"] = Callers.AnyKey,
        ["GET /api/communities/{cid}/stats"] = Callers.Committee | Callers.Auditor,
        ["GET /api/districts/{district}/stats"] = Callers.Committee | Callers.Auditor,
        ["GET /api/districts/{district}/leaderboard"] = Callers.Admin | Callers.Committee | Callers.Auditor,

        // The auditor's desk
        ["GET /api/audit/verify"] = Callers.Auditor,
        ["GET /api/audit/events"] = Callers.Auditor,
        ["POST /api/audit/verify-jobs"] = Callers.Auditor,
        ["GET /api/audit/verify-jobs/{jobId}"] = Callers.Auditor,
        ["GET /api/audit/households/{passbook}/trace"] = Callers.Auditor,
        ["GET /api/audit/export"] = Callers.Auditor,
    };
}
