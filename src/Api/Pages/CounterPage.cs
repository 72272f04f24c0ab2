using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Ledger.Api.Pages;

/// <summary>
/// The clerk counter page (超市柜台) at <c>/counter</c>: static HTML, CSS and JavaScript compiled into the assembly, so
/// the one executable serves it with no files beside it and nothing from other hosts. The page is public; every piece
/// of data it shows comes from the JSON API with the clerk's key.
/// </summary>
public static class CounterPage
{
    /// <summary>The page's address.</summary>
    public const string Path = "/counter";

    private const string ResourcePrefix = "Pages/Counter/";

    // Scripts, styles and API calls come from this origin only; the page may not be framed (no click-jacking of a
    // clerk's signed-in window). Inline script and style are refused, so injected markup cannot run.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    private static readonly FrozenDictionary<string, Asset> Assets = LoadAssets();

    /// <summary>Maps <c>GET /counter</c> (the page) and <c>GET /counter/{file}</c> (its scripts and styles), and HEAD of both.</summary>
    public static IEndpointRouteBuilder MapCounterPage(this IEndpointRouteBuilder app)
    {
        // HEAD too: monitors and proxies check a page with it, and Kestrel sends no body for HEAD.
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods(Path, methods, (HttpContext http) => Serve(http, "index.html"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapMethods(Path + "/{file}", methods, (string file, HttpContext http) => Serve(http, file))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!Assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate every time (a cheap 304): a counter must never keep running yesterday's script after an upgrade.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(CounterPage).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var content = Read(assembly, name);
            var file = name[ResourcePrefix.Length..];
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            assets[file] = new Asset(content, ContentTypeOf(file), etag);
        }

        return assets.Count > 0
            ? assets.ToFrozenDictionary(StringComparer.Ordinal)
            : throw new InvalidOperationException($"The counter page's files are not embedded (no resources under '{ResourcePrefix}').");
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ContentTypeOf(string file) => System.IO.Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
