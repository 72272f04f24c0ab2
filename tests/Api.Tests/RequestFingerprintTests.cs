using System.Text;
using Ledger.Api.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace Ledger.Api.Tests;

public sealed class RequestFingerprintTests
{
    private static string Fingerprint(string body, string method = "POST", string path = "/api/keys", string query = "") =>
        RequestFingerprint.Compute(method, path, query, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_same_json_written_differently_has_the_same_fingerprint()
    {
        Assert.Equal(
            Fingerprint("""{"role":"clerk","label":"柜台","lines":[{"sku":"oil","quantity":1}]}"""),
            Fingerprint("""{ "lines" : [ { "quantity":1, "sku":"oil" } ], "label":"\u67dc\u53f0", "role":"clerk" }"""));
    }

    [Theory]
    [InlineData("""{"role":"clerk","label":"柜台 2"}""")]
    [InlineData("""{"role":"clerk","label":"柜台","extra":null}""")]
    [InlineData("""{"role":"clerk","label":"柜台","lines":[2,1]}""")]
    public void Different_json_has_a_different_fingerprint(string other)
    {
        Assert.NotEqual(Fingerprint("""{"role":"clerk","label":"柜台","lines":[1,2]}"""), Fingerprint(other));
    }

    [Fact]
    public void Method_path_and_query_are_part_of_the_fingerprint()
    {
        var original = Fingerprint("{}");

        Assert.NotEqual(original, Fingerprint("{}", method: "PUT"));
        Assert.NotEqual(original, Fingerprint("{}", path: "/api/communities"));
        Assert.NotEqual(original, Fingerprint("{}", query: "?dryRun=true"));
    }

    [Fact]
    public void A_body_that_is_not_json_is_fingerprinted_byte_for_byte()
    {
        Assert.NotEqual(Fingerprint("{\"a\":1} trailing"), Fingerprint("{\"a\":1}"));
        Assert.Equal(Encoding.UTF8.GetBytes("{not json"), RequestFingerprint.Canonicalize(Encoding.UTF8.GetBytes("{not json")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reading_the_request_fingerprints_its_body_and_leaves_the_whole_body_for_the_endpoint(bool lengthDeclared)
    {
        // Far larger than a receipt: read into a buffer sized from the declared length, or grown as it comes when none is.
        var body = $$"""{"role":"clerk","label":"{{new string('柜', 40_000)}}"}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/api/keys";
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = lengthDeclared ? bytes.Length : null;

        var fingerprint = await RequestFingerprint.ComputeAsync(http.Request, CancellationToken.None);

        Assert.Equal(Fingerprint(body), fingerprint);
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        Assert.Equal(body, await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData("k")]
    [InlineData("order 2025-03-14 #7 ~!")]
    public void An_idempotency_key_of_printable_ascii_is_accepted(string key)
    {
        Assert.Null(CommandContextMiddleware.Validate(new StringValues(key)));
        Assert.Null(CommandContextMiddleware.Validate(new StringValues(new string('k', 200))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tkey")]
    [InlineData("schlüssel")]
    [InlineData("201")]
    public void An_idempotency_key_that_is_empty_too_long_or_not_printable_ascii_is_refused(string key)
    {
        Assert.NotNull(CommandContextMiddleware.Validate(new StringValues(key == "201" ? new string('k', 201) : key)));
    }

    [Fact]
    public void Two_idempotency_keys_in_one_request_are_refused()
    {
        Assert.NotNull(CommandContextMiddleware.Validate(new StringValues(["a", "b"])));
    }
}
