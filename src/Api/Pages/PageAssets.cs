using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Ledger.Api.Pages;

/// <summary>
/// The pages (counter, console, admin, audit, partner, landing): static HTML, CSS and JavaScript compiled into the
/// assembly, so the one executable serves them with no files beside it and nothing from other hosts. Each folder
/// <c>Pages/{Name}/</c> is served at <c>/{name}</c> (its <c>index.html</c>) and <c>/{name}/{file}</c>; the page of
/// the folder <c>Home</c> is the landing page at <c>/</c> (its files still under <c>/home/</c>), and <c>Shared</c>
/// holds the modules every page imports from <c>/shared/</c>. The pages are public; every piece of data they show comes from the JSON API with the key the person
/// signs in with.
/// </summary>
public static class PageAssets
{
    private const string ResourcePrefix = "Pages/";
    private const string HomeFolder = "Home";

    // Scripts, styles and API calls come from this origin only; a page may not be framed (no click-jacking of a
    // signed-in window). Inline script and style are refused, so injected markup cannot run.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    // Resource folder → its files; index.html is the page itself.
    private static readonly FrozenDictionary<string, FrozenDictionary<string, Asset>> Folders = LoadFolders();

    /// <summary>The address a page's embedded resource is served at (<c>Pages/Counter/index.html</c> → <c>/counter</c>).</summary>
    public static string UrlOf(string resourceName)
    {
        var relative = resourceName[ResourcePrefix.Length..];
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        var (folder, file) = (relative[..slash], relative[(slash + 1)..]);
        return file == "index.html" ? PagePath(folder) : $"/{folder.ToLowerInvariant()}/{file}";
    }

    /// <summary>The embedded resources of every page, by name (tests walk them).</summary>
    public static IEnumerable<string> ResourceNames =>
        typeof(PageAssets).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));

    /// <summary>Maps every page folder's page and files, GET and HEAD, anonymously.</summary>
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        // HEAD too: monitors and proxies check a page with it, and Kestrel sends no body for HEAD.
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        foreach (var (folder, assets) in Folders)
        {
            if (assets.ContainsKey("index.html"))
            {
                app.MapMethods(PagePath(folder), methods, (HttpContext http) => Serve(http, assets, "index.html"))
                    .AllowAnonymous()
                    .ExcludeFromDescription();
            }

            app.MapMethods($"/{folder.ToLowerInvariant()}/{{file}}", methods, (string file, HttpContext http) => Serve(http, assets, file))
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return app;
    }

    private static string PagePath(string folder) => folder == HomeFolder ? "/" : "/" + folder.ToLowerInvariant();

    private static IResult Serve(HttpContext http, FrozenDictionary<string, Asset> assets, string file)
    {
        if (!assets.TryGetValue(file, out var asset))
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

    private static FrozenDictionary<string, FrozenDictionary<string, Asset>> LoadFolders()
    {
        var assembly = typeof(PageAssets).Assembly;
        var folders = new Dictionary<string, Dictionary<string, Asset>>(StringComparer.Ordinal);
        foreach (var name in ResourceNames)
        {
            var relative = name[ResourcePrefix.Length..];
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            var (folder, file) = (relative[..slash], relative[(slash + 1)..]);
            var content = Read(assembly, name);
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            if (!folders.TryGetValue(folder, out var assets))
            {
                folders[folder] = assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
            }

            assets[file] = new Asset(content, ContentTypeOf(file), etag);
        }

        return folders.Count > 0
            ? folders.ToFrozenDictionary(f => f.Key, f => f.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal)
            : throw new InvalidOperationException($"The pages' files are not embedded (no resources under '{ResourcePrefix}').");
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
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
