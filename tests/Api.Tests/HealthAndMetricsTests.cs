using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

/// <summary><c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>: what a load balancer and a monitoring system read.</summary>
public sealed class HealthAndMetricsTests : FaultyStoreHost
{
    [Fact]
    public async Task Live_and_ready_answer_200_without_a_key_and_ready_reports_store_schema_and_projection_lag()
    {
        using var client = Api.CreateClient(apiKey: null);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", report.GetProperty("status").GetString());
        Assert.Equal("sqlite", report.GetProperty("store").GetString());
        Assert.Equal("current", report.GetProperty("schema").GetString());
        Assert.True(report.GetProperty("projectionLag").TryGetProperty("statistics", out _));
    }

    [Fact]
    public async Task Ready_is_a_503_with_retry_after_while_the_store_is_away_and_live_stays_200()
    {
        Store.HeadFault = new Npgsql.NpgsqlException("No suitable host was found.");
        using var client = Api.CreateClient(apiKey: null);

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        await ready.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.StoreUnavailable);
        Assert.NotNull(ready.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Ready_is_a_503_when_an_async_projection_trails_the_head_beyond_the_bound()
    {
        await using var strict = new SqliteApi { Settings = { ["Ledger:Ready:MaxProjectionLag"] = "-1" } };
        await strict.InitializeAsync();
        using var client = strict.CreateClient(apiKey: null);

        using var ready = await client.GetAsync("/health/ready");

        var problem = await ready.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "projections-behind");
        Assert.True(problem.GetProperty("projectionLag").TryGetProperty("statistics", out _));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_request_append_redemption_and_projection_lag_series()
    {
        using var world = await SupermarketWorld.OpenAsync(Api);
        await world.ListAsync("oil", "花生油", "goods", 100, stock: 5);
        using (var sold = await world.RedeemAsync(world.Clerk, world.Passbook(), ("oil", 1)))
        {
            Assert.Equal(HttpStatusCode.Created, sold.StatusCode);
        }

        using var client = Api.CreateClient(apiKey: null);
        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration_bucket{", text);
        Assert.Contains("http_route=\"/api/communities/{cid}/redemptions\"", text);
        Assert.Contains("ledger_append_duration_bucket{outcome=\"ok\",le=\"0.005\"}", text);
        Assert.Contains("ledger_appended_events ", text);
        Assert.Contains("ledger_redemption_duration_count{outcome=\"ok\"}", text);
        Assert.Contains("ledger_command_duration_count{command=\"Redeem\",outcome=\"ok\"}", text);
        Assert.Contains("ledger_projection_lag ", text);
    }
}
