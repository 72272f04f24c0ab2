using Ledger.Testing;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    private static readonly string[] LedgerPaths =
    [
        "/api/communities", "/api/communities/{cid}", "/api/communities/{cid}/deduction-policy", "/api/communities/{cid}/rules",
        "/api/communities/{cid}/households", "/api/households/{passbook}", "/api/households/{passbook}/statement",
        "/api/households/{passbook}/corrections", "/api/communities/{cid}/awards", "/api/communities/{cid}/activities",
        "/api/communities/{cid}/activities/{aid}", "/api/communities/{cid}/activities/{aid}/participants",
    ];

    private async Task<JsonNode> OpenApiDocumentAsync()
    {
        using var client = Api.CreateClient(apiKey: null);
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_openapi_document_matches_the_approved_one()
    {
        var document = await OpenApiDocumentAsync();

        Approval.Verify("openapi", document.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    [Fact]
    public async Task Every_ledger_endpoint_is_documented_with_a_summary_a_description_its_key_and_its_problems()
    {
        var paths = (await OpenApiDocumentAsync())["paths"]!.AsObject();

        foreach (var path in LedgerPaths)
        {
            Assert.True(paths.ContainsKey(path), $"{path} is not in the OpenAPI document.");
            foreach (var (method, operation) in paths[path]!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{name} has no summary.");
                Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{name} has no description.");
                Assert.NotNull(operation["security"]);
                var responses = operation["responses"]!.AsObject();
                Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{name} does not document 401 and 403.");
                if (method is "post" or "put")
                {
                    var parameters = operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
                    Assert.Contains("Idempotency-Key", parameters);
                }
            }
        }
    }

    [Fact]
    public async Task The_statement_documents_its_json_csv_and_html_answers()
    {
        var ok = (await OpenApiDocumentAsync())["paths"]!["/api/households/{passbook}/statement"]!["get"]!["responses"]!["200"]!;

        var types = ok["content"]!.AsObject().Select(c => c.Key).Order();

        Assert.Equal(["application/json", "text/csv", "text/html"], types);
    }
}
