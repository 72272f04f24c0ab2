using System.Net;
using System.Net.Http.Json;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Keys;

namespace Ledger.Api.Tests.Support;

/// <summary>Partners through the HTTP API: register one, issue its key, list a service it provides.</summary>
public static class PartnerSetup
{
    /// <summary>Registers a partner as the committee; asserts 201.</summary>
    public static async Task RegisterPartnerAsync(this HttpClient committee, string communityId, string id, string name, string kind = "merchant")
    {
        using var response = await committee.PostAsJsonAsync($"/api/communities/{communityId}/partners", new { id, name, kind }, LedgerJson.Options);
        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    /// <summary>Issues a partner key with the admin key; asserts 201.</summary>
    public static Task<IssuedApiKey> IssuePartnerKeyAsync(this LedgerApiFactory api, string communityId, string partnerId, string label = "合伙人") =>
        api.IssueKeyAsync(Role.Partner, communityId, label, partnerId);

    /// <summary>Lists (or revises) a service provided by <paramref name="providerId"/> as the committee; asserts 200.</summary>
    public static async Task ListServiceAsync(
        this HttpClient committee, string communityId, string sku, string name, long points, string? providerId, long? settlementFen)
    {
        using var response = await committee.PostAsJsonAsync(
            $"/api/communities/{communityId}/catalog", new { sku, name, kind = "service", points, providerId, settlementFen }, LedgerJson.Options);
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }
}
