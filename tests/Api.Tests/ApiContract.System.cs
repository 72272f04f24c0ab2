using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task Health_answers_anyone_with_the_store_and_its_head_position()
    {
        using var client = Api.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(Api.Store.Dialect.ToString().ToLowerInvariant(), health.GetProperty("store").GetString());
        Assert.Equal(await Api.HeadAsync(), health.GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task The_openapi_document_is_served_to_anyone_and_documents_the_api_key_scheme()
    {
        using var client = Api.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var issueKey = document.GetProperty("paths").GetProperty("/api/keys").GetProperty("post");
        Assert.True(issueKey.TryGetProperty("security", out _), "POST /api/keys should say it needs a key.");
        var health = document.GetProperty("paths").GetProperty("/health").GetProperty("get");
        Assert.False(health.TryGetProperty("security", out _), "GET /health needs no key.");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_not_found_problem()
    {
        using var client = Api.CreateAdminClient();

        using var response = await client.GetAsync("/api/no-such-thing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var client = Api.CreateAdminClient();

        using var response = await client.DeleteAsync("/api/keys");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
    }

    [Fact]
    public async Task The_correlation_id_sent_is_echoed_and_recorded_in_the_events_metadata()
    {
        using var client = Api.CreateAdminClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "till-7.request-42");

        using var response = await client.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"correlated"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("till-7.request-42", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        var events = await Api.ReadAllEventsAsync();
        Assert.Contains(events, e => e.Metadata.CorrelationId == "till-7.request-42");
    }
}
