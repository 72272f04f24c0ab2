using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Statements;

/// <summary>
/// The passbook statement in JSON, CSV and HTML on every store backend. Each test builds one household's history:
/// two clean-ups (one by 李娜, with a note), a care award, a litter deduction (张小明), a volunteer activity, and a
/// correction of the first clean-up. Running balances: 10, 20, 25, 5, 13, 3.
/// </summary>
public abstract partial class StatementContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    protected static readonly long[] RunningBalances = [10, 20, 25, 5, 13, 3];

    protected TApi Api => api;

    /// <summary>A household with the history above; <paramref name="note"/> is the first award's note.</summary>
    protected async Task<(CommunityScenario Scenario, JsonElement Statement)> HistoryAsync(string note = "清理河道垃圾")
    {
        var scenario = await CommunityScenario.CreateAsync(api);
        var first = await scenario.AwardAsync(scenario.Passbook, CleanUp, Spouse, note);
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, Care);
        await scenario.AwardAsync(scenario.Passbook, Litter, Child);
        var activity = NewId("act");
        using (var scheduled = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities",
                   new { id = activity, title = "河道清洁志愿服务", organizer = new { kind = "partner-unit", name = "区税务局" }, date = "2025-03-15", points = 8 }))
        {
            await scheduled.AssertStatusAsync(HttpStatusCode.Created);
        }

        using (var added = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants",
                   new { participants = new[] { new { passbook = scenario.Passbook } } }))
        {
            await added.AssertStatusAsync(HttpStatusCode.Created);
        }

        using (var corrected = await PostAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/corrections",
                   new { eventId = first.GetProperty("eventId").GetGuid(), reason = "重复录入" }))
        {
            await corrected.AssertStatusAsync(HttpStatusCode.Created);
        }

        return (scenario, await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/statement"));
    }

    /// <summary>Gets a statement format as the clerk; asserts 200 and returns the response.</summary>
    protected static async Task<HttpResponseMessage> GetStatementAsync(HttpClient client, string passbook, string query, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/households/{passbook}/statement?{query}");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}

/// <summary>The statement on the embedded SQLite store.</summary>
public sealed class StatementOnSqlite(SqliteApi api) : StatementContract<SqliteApi>(api);

/// <summary>The statement on PostgreSQL.</summary>
public sealed class StatementOnPostgres(PostgresApi api) : StatementContract<PostgresApi>(api);
