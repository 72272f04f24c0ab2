using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Tests.Access;

/// <summary>
/// Text an attacker (or a broken client) sends: bodies with a lone surrogate, bytes that are not UTF-8, a byte order
/// mark, or invisible formatting characters. Each is a 400 problem on every POST and PUT of the OpenAPI document, with
/// or without an Idempotency-Key, and none appends an event.
/// </summary>
public sealed class BadTextFuzzTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    // Each body is bad for one reason only; the fields are those most endpoints take (names, ids, reasons).
    public static readonly TheoryData<string, byte[]> Bodies = new()
    {
        { "escaped lone high surrogate", Utf8("""{"id":"x1","name":"\ud800","reason":"\ud800","label":"\ud800"}""") },
        { "escaped lone low surrogate", Utf8("""{"name":"a\udc00b","headName":"\udfff"}""") },
        { "surrogate encoded as UTF-8 bytes", [.. Utf8("""{"name":"""), (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)'}'] },
        { "invalid UTF-8", [.. Utf8("""{"name":"""), (byte)'"', 0xFF, 0xFE, 0xC3, (byte)'"', (byte)'}'] },
        { "truncated UTF-8 sequence", [.. Utf8("""{"reason":"""), (byte)'"', 0xE4, 0xB8, (byte)'"', (byte)'}'] },
        { "UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. Utf8("""{"reason":"ok","name":"ok"}""")] },
        { "UTF-16 byte order mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("""{"name":"x"}""")] },
        { "right-to-left override in a name", Utf8("""{"id":"c-x","name":"张\u202E伟","headName":"张\u202E伟","reason":"r","label":"l"}""") },
        { "zero-width space in a name", Utf8("""{"name":"张\u200B伟","headName":"李\u200D娜","label":"a\u2066b"}""") },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_text_in_any_body_is_a_400_problem_on_every_post_and_put_and_appends_nothing(string kind, byte[] body)
    {
        using var world = await SupermarketWorld.OpenAsync(api);
        var clients = new Dictionary<Callers, HttpClient>
        {
            [Callers.Admin] = api.CreateAdminClient(),
            [Callers.Committee] = world.Committee,
            [Callers.Clerk] = world.Clerk,
            [Callers.Auditor] = world.Auditor,
        };
        var head = await api.HeadAsync();
        var wrong = new List<string>();
        foreach (var endpoint in await ChangingEndpointsAsync())
        {
            var caller = clients.Keys.First(c => EndpointRoleTable.Rows.GetValueOrDefault(endpoint).HasFlag(c));
            foreach (var idempotencyKey in new[] { null, Guid.NewGuid().ToString("N") })
            {
                using var response = await SendAsync(clients[caller], endpoint, world, body, idempotencyKey);
                var type = response.Content.Headers.ContentType?.MediaType;
                if (response.StatusCode != HttpStatusCode.BadRequest || type != "application/problem+json")
                {
                    wrong.Add($"{endpoint} ({(idempotencyKey is null ? "no key" : "with key")}): {(int)response.StatusCode} {type}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{kind}:\n" + string.Join("\n", wrong));
        Assert.Equal(head, await api.HeadAsync());
    }

    [Fact]
    public async Task A_name_with_a_direction_override_is_refused_where_the_same_name_without_it_is_accepted()
    {
        using var world = await SupermarketWorld.OpenAsync(api);
        var path = $"/api/communities/{world.CommunityId}/households";

        using var spoofed = await world.Committee.PostRawJsonAsync(path, """{"passbook":"pb-bidi-1","headName":"陈\u202E伟","members":[]}""");
        var problem = await spoofed.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("headName", out _));

        using var plain = await world.Committee.PostRawJsonAsync(path, """{"passbook":"pb-bidi-1","headName":"陈伟","members":[]}""");
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
    }

    private async Task<IReadOnlyList<string>> ChangingEndpointsAsync()
    {
        using var client = api.CreateClient(apiKey: null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        return
        [
            .. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "post" or "put")
                .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}")),
        ];
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, SupermarketWorld world, byte[] body, string? idempotencyKey)
    {
        var (method, template) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var path = template.Replace("{cid}", world.CommunityId).Replace("{passbook}", world.Passbook())
            .Replace("{sku}", "rice").Replace("{rid}", "r-none").Replace("{vid}", "v-none").Replace("{aid}", "a-none")
            .Replace("{keyId}", "0123456789ab");
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
