using LonghuPilot.Plan;

namespace LonghuPilot;

/// <summary>
/// The command line: <c>--url</c> (or <c>LEDGER_URL</c>, default <c>http://localhost:5000</c>), <c>--admin-key</c>
/// (or <c>LEDGER_ADMIN_KEY</c>, or the server's own <c>Ledger__AdminKey</c>), <c>--seed</c> (default 2024) and
/// <c>--scale full|small</c> (default full).
/// </summary>
public sealed record PilotOptions(Uri Url, string AdminKey, int Seed, PilotScale Scale)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage =
        "usage: LonghuPilot --admin-key KEY [--url http://localhost:5000] [--seed 2024] [--scale full|small]\n"
        + "  KEY and URL may also come from LEDGER_ADMIN_KEY (or Ledger__AdminKey) and LEDGER_URL.";

    /// <summary>The options <paramref name="args"/> and the environment give, or why they are unusable.</summary>
    public static (PilotOptions? Options, string? Error) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--url" or "--admin-key" or "--seed" or "--scale"))
            {
                return (null, name is "--help" or "-h" ? Usage : $"unknown argument '{name}'\n{Usage}");
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value\n{Usage}");
            }

            values[name] = args[++i];
        }

        var url = values.GetValueOrDefault("--url") ?? environment("LEDGER_URL") ?? "http://localhost:5000";
        var key = values.GetValueOrDefault("--admin-key") ?? environment("LEDGER_ADMIN_KEY") ?? environment("Ledger__AdminKey");
        var seedText = values.GetValueOrDefault("--seed") ?? "2024";
        var scale = PilotScale.Named(values.GetValueOrDefault("--scale") ?? "full");
        return (url, key, scale) switch
        {
            _ when !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out _) => (null, $"--url '{url}' is not an absolute URL"),
            (_, null or "", _) => (null, $"no admin key: pass --admin-key or set LEDGER_ADMIN_KEY\n{Usage}"),
            (_, _, null) => (null, "--scale must be full or small"),
            _ when !int.TryParse(seedText, out _) => (null, $"--seed '{seedText}' is not a whole number"),
            _ => (new PilotOptions(new Uri(url.EndsWith('/') ? url : url + "/"), key, int.Parse(seedText), scale), null),
        };
    }
}
