using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ledger.Pages.Tests;

/// <summary>How the page is served: by the API's own process, publicly, from local files only, under a strict policy.</summary>
public sealed partial class CounterOnSqlite
{
    // Every file compiled into the API under Pages/ (every page's, the shared modules), so a file added later is
    // checked too. Relative to the client's base address.
    private static readonly string[] PageFiles =
        [.. Ledger.Api.Pages.PageAssets.ResourceNames.Select(n => Ledger.Api.Pages.PageAssets.UrlOf(n).TrimStart('/'))];

    [Fact]
    public async Task Every_page_and_its_files_are_served_without_a_key_under_a_same_origin_content_policy()
    {
        using var anonymous = Counter.Server.CreateApiClient(apiKey: null);
        foreach (var file in PageFiles)
        {
            using var response = await anonymous.GetAsync(file);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{file}: {(int)response.StatusCode}");
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            // No CDN, no fonts or scripts from elsewhere: the page works on a village LAN with no internet.
            Assert.DoesNotMatch(new Regex("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", RegexOptions.IgnoreCase), body);
        }

        using var page = await anonymous.GetAsync("counter");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"zh-CN\">", await page.Content.ReadAsStringAsync());
        using var script = await anonymous.GetAsync("counter/counter.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Every_script_and_style_of_the_page_is_among_the_files_checked()
    {
        Assert.Contains("counter/counter.js", PageFiles);
        Assert.Contains("counter/counter.css", PageFiles);
        Assert.Contains("shared/api.js", PageFiles);
        Assert.True(PageFiles.Length >= 10, string.Join(", ", PageFiles));
    }

    [Fact]
    public async Task Both_languages_have_a_word_for_every_key()
    {
        await using var screen = await Counter.NewScreenAsync();
        await screen.OpenAsync();

        var missing = await screen.Page.EvaluateAsync<string[]>("""
            async () => {
              const { zh } = await import('/counter/words-zh.js');
              const { en } = await import('/counter/words-en.js');
              return [...Object.keys(zh).filter(k => !(k in en)).map(k => `en lacks ${k}`),
                      ...Object.keys(en).filter(k => !(k in zh)).map(k => `zh lacks ${k}`)];
            }
            """);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_304_an_unknown_file_404_and_HEAD_200()
    {
        using var anonymous = Counter.Server.CreateApiClient(apiKey: null);
        using var first = await anonymous.GetAsync("counter/counter.css");
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "counter/counter.css");
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await anonymous.SendAsync(again);
        using var missing = await anonymous.GetAsync("counter/secrets.json");
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "counter"));

        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Api_me_tells_a_key_its_role_community_and_label_and_refuses_no_key_or_a_wrong_one()
    {
        using var clerk = Counter.Server.CreateApiClient(Seed.ClerkKey);
        using var anonymous = Counter.Server.CreateApiClient(apiKey: null);
        using var stranger = Counter.Server.CreateApiClient("lgr_unknown-key");

        var me = JsonDocument.Parse(await clerk.GetStringAsync("api/me")).RootElement;
        using var withoutKey = await anonymous.GetAsync("api/me");
        using var withWrongKey = await stranger.GetAsync("api/me");

        Assert.Equal("clerk", me.GetProperty("role").GetString());
        Assert.Equal(Seed.CommunityId, me.GetProperty("communityId").GetString());
        Assert.Equal(Support.LedgerSeed.ClerkLabel, me.GetProperty("label").GetString());
        Assert.StartsWith("key:", me.GetProperty("id").GetString());
        Assert.DoesNotContain(Seed.ClerkKey, me.GetRawText());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_api_me_and_leaves_the_page_out()
    {
        using var anonymous = Counter.Server.CreateApiClient(apiKey: null);
        var paths = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/me", out var me), "GET /api/me is not in the OpenAPI document.");
        Assert.True(me.GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.TryGetProperty("/counter", out _));
    }
}
