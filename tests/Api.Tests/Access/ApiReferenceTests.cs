using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests.Access;

/// <summary>The OpenAPI document as a reference: retries and examples documented; <c>/docs</c> served from here.</summary>
public sealed class ApiReferenceTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    // POSTs that change nothing in the ledger, so offer no Idempotency-Key.
    private static readonly string[] ChangingNothing = ["POST /api/keys/qr-code", "POST /api/audit/verify-jobs"];

    [Fact]
    public async Task Every_post_and_put_that_changes_the_ledger_documents_the_idempotency_key()
    {
        var missing = (await OperationsAsync())
            .Where(o => o.Endpoint.StartsWith("POST", StringComparison.Ordinal) || o.Endpoint.StartsWith("PUT", StringComparison.Ordinal))
            .Where(o => !ChangingNothing.Contains(o.Endpoint))
            .Where(o => !Parameters(o.Operation).Any(p => p.GetProperty("name").GetString() == "Idempotency-Key"
                && p.GetProperty("in").GetString() == "header"))
            .Select(o => o.Endpoint);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_endpoint_has_an_example()
    {
        var missing = (await OperationsAsync()).Where(o => !HasExample(o.Operation)).Select(o => o.Endpoint);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_reference_page_and_its_script_are_served_by_this_server_under_a_policy_admitting_only_this_origin()
    {
        using var client = api.CreateClient(apiKey: null);

        using var page = await client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'nonce-", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("https://", html);
        using var script = await client.GetAsync("/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True(script.Content.Headers.ContentLength > 100_000);
    }

    private static IEnumerable<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];

    private static bool HasExample(JsonElement operation) =>
        Parameters(operation).Any(p => p.TryGetProperty("example", out _))
        || (operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").EnumerateObject().Any(c => c.Value.TryGetProperty("example", out _)))
        || (operation.TryGetProperty("responses", out var responses) && responses.EnumerateObject()
            .Any(r => r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("example", out _))));

    private async Task<IReadOnlyList<(string Endpoint, JsonElement Operation)>> OperationsAsync()
    {
        using var client = api.CreateClient(apiKey: null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        return
        [
            .. document.GetProperty("paths").EnumerateObject()
                .SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value))),
        ];
    }
}
