using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities.RegisterCommunity;
using Ledger.EventStore;
using Ledger.Keys;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Support;

/// <summary>What the tests do again and again: issue keys, register communities, read problems, count events.</summary>
public static class ApiTestExtensions
{
    /// <summary>
    /// Issues a key of <paramref name="role"/> (a partner's names <paramref name="partnerId"/>) through
    /// <c>POST /api/keys</c> with the admin key; asserts 201.
    /// </summary>
    public static async Task<IssuedApiKey> IssueKeyAsync(
        this LedgerApiFactory api, Role role, string? communityId = null, string label = "test key", string? partnerId = null)
    {
        using var admin = api.CreateAdminClient();
        using var response = await admin.PostAsJsonAsync("/api/keys", new { role, communityId, partnerId, label }, LedgerJson.Options);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<IssuedApiKey>(LedgerJson.Options))!;
    }

    /// <summary>Registers a community through the domain's own command, as the admin.</summary>
    public static Task RegisterCommunityAsync(this LedgerApiFactory api, string communityId, string district = "龙湖区") =>
        api.SendAsAsync(
            ApiKeys.AdminPrincipal(ApiKeys.Hash(LedgerApiFactory.AdminKey)), LedgerApiFactory.AdminKey,
            new RegisterCommunityCommand(communityId, "测试社区", district, "外砂街道"));

    /// <summary>
    /// Sends <paramref name="request"/> through the host's own mediator as <paramref name="caller"/> (holding
    /// <paramref name="key"/> when given), for set-up the HTTP API has no shorter way to; asserts success.
    /// </summary>
    public static async Task<T> SendAsAsync<T>(this LedgerApiFactory api, Principal caller, string? key, IRequest<Result<T>> request)
    {
        using var scope = api.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<HttpCommandContext>();
        context.SetCaller(caller, key);
        context.CorrelationId = "test-setup";
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value!;
    }

    /// <summary>Posts raw text as JSON (for bodies a serializer would never write).</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>Asserts the response is a problem of <paramref name="status"/> and <paramref name="slug"/>, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(ProblemTypes.UriOf(slug), problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The ledger's head position.</summary>
    public static async Task<long> HeadAsync(this LedgerApiFactory api) => (await api.Store.ReadHeadAsync()).Position;

    /// <summary>Every event in the ledger.</summary>
    public static async Task<List<RecordedEvent>> ReadAllEventsAsync(this LedgerApiFactory api)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in api.Store.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }
}
