using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Ledger.EventStore;

/// <summary>A numbered schema script embedded in a backend's assembly (<c>Sql/001_create_event_store.sql</c>).</summary>
/// <param name="Version">The number the file name starts with; the schema version once applied.</param>
/// <param name="Name">The file name without its number and extension, for the schema-version table.</param>
/// <param name="Sql">The script.</param>
internal sealed record SqlMigration(int Version, string Name, string Sql);

/// <summary>Loads a backend's embedded migration scripts, in order, refusing gaps so a lost file is caught at start.</summary>
internal static partial class SqlMigrations
{
    /// <summary>Every script whose resource name starts with <paramref name="resourcePrefix"/> (e.g. <c>Ledger.EventStore.Sqlite.Sql.</c>).</summary>
    public static IReadOnlyList<SqlMigration> Load(Assembly assembly, string resourcePrefix)
    {
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Parse(assembly, n, n[resourcePrefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migration scripts under '{resourcePrefix}' must be numbered 1, 2, 3... without gaps; found {migrations[i].Version} at place {i + 1}.");
            }
        }

        return migrations;
    }

    private static SqlMigration Parse(Assembly assembly, string resource, string fileName)
    {
        var match = FileName().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration script '{fileName}' must be named like '001_create_event_store.sql'.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SqlMigration(
            int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(?<version>\d{3})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
