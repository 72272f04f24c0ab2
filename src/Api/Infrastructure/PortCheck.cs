using System.Net;
using System.Net.Sockets;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Finds a listening address the server is configured for that another process already holds, before the host starts:
/// the host itself would log the failed bind as a stack trace first, and the operator needs one line naming the port.
/// </summary>
internal static class PortCheck
{
    /// <summary>The first configured address (<c>urls</c>: <c>--urls</c>, <c>ASPNETCORE_URLS</c>) whose port is taken, or null.</summary>
    public static string? FindTakenAddress(IConfiguration configuration)
    {
        // Kestrel's own endpoints section or ports settings are Kestrel's to report; only plain URLs are probed here.
        if (configuration.GetSection("Kestrel:Endpoints").Exists() || configuration["http_ports"] is not null)
        {
            return null;
        }

        var urls = configuration["urls"] is { Length: > 0 } configured ? configured : "http://localhost:5000";
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => EndpointOf(url) is { } endpoint && IsTaken(endpoint));
    }

    private static IPEndPoint? EndpointOf(string url)
    {
        // "http://*:80" and "http://+:80" are not valid URIs; they mean every address.
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            return null;
        }

        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
        return address is null ? null : new IPEndPoint(address, uri.Port);
    }

    private static bool IsTaken(IPEndPoint endpoint)
    {
        try
        {
            using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(endpoint);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge (no such interface, no permission): Kestrel reports it.
            return false;
        }
    }
}
