using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Keys;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task A_replayed_key_request_returns_the_same_status_and_body_and_appends_nothing()
    {
        using var admin = Api.CreateAdminClient();
        var idempotencyKey = NewId("retry");
        const string body = """{"role":"auditor","label":"柜台 1"}""";
        using var first = await admin.PostRawJsonAsync("/api/keys", body, idempotencyKey);
        var firstBody = await first.Content.ReadAsStringAsync();
        var head = await Api.HeadAsync();

        using var replay = await admin.PostRawJsonAsync("/api/keys", body, idempotencyKey);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Fact]
    public async Task The_key_shown_again_on_a_replay_is_the_one_that_works()
    {
        using var admin = Api.CreateAdminClient();
        var idempotencyKey = NewId("retry");
        using var first = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"lost answer"}""", idempotencyKey);

        // The first answer was lost on the way; the client retries and uses what the retry shows.
        using var replay = await admin.PostRawJsonAsync("/api/keys", """{ "label" : "lost answer", "role" : "auditor" }""", idempotencyKey);
        var issued = (await replay.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        using var auditor = Api.CreateClient(issued.Key);
        using var probe = await auditor.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""");
        await probe.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_a_422_problem_and_appends_nothing()
    {
        using var admin = Api.CreateAdminClient();
        var idempotencyKey = NewId("reuse");
        using var first = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"one"}""", idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var head = await Api.HeadAsync();

        using var reused = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"two"}""", idempotencyKey);

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Fact]
    public async Task Two_callers_using_the_same_idempotency_key_do_not_collide()
    {
        var otherAdmin = await Api.IssueKeyAsync(Role.Admin, label: "second admin");
        using var first = Api.CreateAdminClient();
        using var second = Api.CreateClient(otherAdmin.Key);
        var idempotencyKey = NewId("shared");
        const string body = """{"role":"auditor","label":"same"}""";

        using var a = await first.PostRawJsonAsync("/api/keys", body, idempotencyKey);
        using var b = await second.PostRawJsonAsync("/api/keys", body, idempotencyKey);

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        var keyA = (await a.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;
        var keyB = (await b.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;
        Assert.NotEqual(keyA.Key, keyB.Key);
    }

    [Theory]
    [InlineData("schlüssel")]
    [InlineData("201-characters")]
    public async Task An_idempotency_key_that_is_not_1_to_200_printable_ascii_characters_is_a_400_problem(string key)
    {
        using var admin = Api.CreateAdminClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { role = "auditor", label = "x" }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key == "201-characters" ? new string('k', 201) : key);
        var before = await Api.HeadAsync();

        using var response = await admin.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await Api.HeadAsync());
    }
}
