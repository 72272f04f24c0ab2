using System.Net;
using System.Text;
using Ledger.Api.Infrastructure;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

/// <summary>The API on real Kestrel, whose request limits the in-memory test server does not apply.</summary>
public sealed class KestrelSqliteApi : LedgerApiFactory
{
    public KestrelSqliteApi()
        : base(new SqliteBackend()) => UseKestrel(0);
}

public sealed class RequestBodyLimitTests(KestrelSqliteApi api) : IClassFixture<KestrelSqliteApi>
{
    // A valid command padded with white space to the given size, so only its size can refuse it.
    private static string KeyRequestOfSize(int bytes)
    {
        const string command = """{"role":"auditor","label":"审计"}""";
        return command + new string(' ', bytes - Encoding.UTF8.GetByteCount(command));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("big-1", true)]
    [InlineData("big-2", false)]
    public async Task A_body_larger_than_any_command_needs_is_a_413_problem_and_changes_nothing(string? idempotencyKey, bool lengthDeclared)
    {
        using var admin = api.CreateAdminClient();
        var before = await api.HeadAsync();
        var body = Encoding.UTF8.GetBytes(KeyRequestOfSize(RequestBodyLimit.Bytes + 1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            // A stream of unknown length goes out chunked, so the limit must hold while reading, not only on the header.
            Content = lengthDeclared ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body)),
        };
        request.Content.Headers.ContentType = new("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await admin.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.RequestTooLarge);
        Assert.Equal(before, await api.HeadAsync());
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read_and_fingerprinted()
    {
        using var admin = api.CreateAdminClient();

        using var response = await admin.PostRawJsonAsync("/api/keys", KeyRequestOfSize(RequestBodyLimit.Bytes), "at-the-limit");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
