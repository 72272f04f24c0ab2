using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Audit;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// <c>GET /api/audit/verify</c> and <c>GET /api/audit/events</c> on both backends. A host of its own, because one test
/// forges an event and every later verify on that host would see it.
/// </summary>
public abstract partial class AuditApiContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    private static async Task<HttpClient> AuditorAsync(LedgerApiFactory api) =>
        api.CreateClient((await api.IssueKeyAsync(Role.Auditor, label: "审计")).Key);

    [Fact]
    public async Task Verify_answers_ok_on_a_clean_ledger_and_names_the_first_bad_position_after_a_forgery()
    {
        var setup = await DomainSetup.CreateAsync(api, "audit-verify", "V1", "V2");
        await setup.AwardAsync("V1", 2);
        await setup.AwardAsync("V2", 1);
        using var auditor = await AuditorAsync(api);
        var head = await api.Store.ReadHeadAsync();

        var clean = await auditor.GetFromJsonAsync<AuditReport>("/api/audit/verify", LedgerJson.Options);

        Assert.True(clean!.Ok, string.Join("; ", clean.Problems.Select(p => p.Detail)));
        Assert.Equal((head.Events, head.Hash), (clean.Events, clean.HeadHash));
        Assert.True(clean.Streams >= 5);

        var registry = LedgerModule.CreateEventTypeRegistry(Redemption.RedemptionModule.Assembly);
        await api.Store.AppendAsync(StreamIds.Household("V2"), ExpectedVersion.Exactly(2),
            [registry.ToNewEvent(new PointsAwarded("elsewhere", "clean-up", 1, 500, "户主V2", null), new EventMetadata("key:forger"))]);
        var forged = (await api.Store.ReadHeadAsync()).Position;

        using var response = await auditor.GetAsync("/api/audit/verify");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(
            ["community-audit-verify points-not-conserved " + forged, "community-elsewhere points-not-conserved " + forged],
            body.GetProperty("problems").EnumerateArray().Select(p =>
                $"{p.GetProperty("stream").GetString()} {p.GetProperty("kind").GetString()} {p.GetProperty("position").GetInt64()}"));
    }

    [Fact]
    public async Task The_feed_pages_through_every_event_in_order_with_its_stored_json_byte_for_byte()
    {
        await DomainSetup.CreateAsync(api, "audit-feed", "F1");
        using var auditor = await AuditorAsync(api);
        var stored = new List<RecordedEvent>();
        await foreach (var e in api.Store.ReadAllAsync())
        {
            stored.Add(e);
        }

        var lines = new List<JsonElement>();
        long? after = 0;
        var pages = 0;
        while (after is { } from)
        {
            var page = JsonDocument.Parse(await auditor.GetStringAsync($"/api/audit/events?after={from}&limit=3")).RootElement;
            lines.AddRange(page.GetProperty("events").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
            pages++;
        }

        Assert.Equal(stored.Count / 3 + 1, pages);
        Assert.Equal(
            stored.Select(e => $"{e.Position} {e.EventId} {e.StreamId} {e.StreamVersion} {e.Type} {e.Data} {e.MetadataJson} {e.Hash}"),
            lines.Select(l => string.Join(" ",
                l.GetProperty("position").GetInt64(), l.GetProperty("eventId").GetGuid(), l.GetProperty("streamId").GetString(),
                l.GetProperty("version").GetInt64(), l.GetProperty("type").GetString(), l.GetProperty("data").GetRawText(),
                l.GetProperty("metadata").GetRawText(), l.GetProperty("hash").GetString())));
        Assert.Equal(stored[0].RecordedAt, lines[0].GetProperty("recordedAt").GetDateTimeOffset());
        var defaults = JsonDocument.Parse(await auditor.GetStringAsync("/api/audit/events")).RootElement;
        Assert.Equal(Math.Min(stored.Count, 100), defaults.GetProperty("events").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("after=1.5&limit=5", "after")]
    public async Task The_feed_refuses_a_bad_page_with_a_problem_naming_the_value(string query, string field)
    {
        using var auditor = await AuditorAsync(api);

        var problem = await (await auditor.GetAsync($"/api/audit/events?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("/api/audit/verify")]
    [InlineData("/api/audit/events")]
    public async Task Only_auditors_may_verify_or_read_the_feed(string path)
    {
        await (await api.CreateClient((string?)null).GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var communityId = $"audit-{Guid.NewGuid():N}"[..20];
        await api.RegisterCommunityAsync(communityId);
        var committee = await api.IssueKeyAsync(Role.Committee, communityId);
        await (await api.CreateClient(committee.Key).GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await api.CreateAdminClient().GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class AuditApiOnSqlite(SqliteApi api) : AuditApiContract<SqliteApi>(api);

public sealed class AuditApiOnPostgres(PostgresApi api) : AuditApiContract<PostgresApi>(api);
